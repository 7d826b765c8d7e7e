package io.dealerpulse.jobs.health;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.jobs.pipeline.SiteInput;
import io.dealerpulse.jobs.sink.InfluxPoint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The pipeline-health topology (DESIGN.md "see pipeline health"; docs/kpis.md "Pipeline health"):
 * agent heartbeats, dead-letter counters, input rates, events per site per local hour and the
 * suspected door-sensor fault, as InfluxDB points for the sink. It only reads streams the KPI topology
 * already has, and changes none of them. Its points are excepted from replay equality (they depend
 * on processing time or on what was received, not on what the KPIs used).
 */
public final class PipelineHealth {
    /** Stable operator ids: savepoints map state by these, never change them. */
    public static final String AGENT_STATUS_UID = "health-agent-status";
    public static final String DEAD_LETTER_COUNTS_UID = "health-dead-letter-counts";
    public static final String INPUT_RATE_UID = "health-input-rate";
    public static final String SITE_EVENTS_HOURLY_UID = "health-site-events-hourly";
    public static final String DOOR_SILENCE_UID = "health-door-silence";

    private PipelineHealth() {}

    /**
     * @param inputs every input envelope, decoded or dead-lettered (the KPI topology's union)
     * @param deadLetters every dead letter the job produces (undecodable inputs, unknown sites)
     * @param kpiPoints the site KPI function's points (its staffing windows feed the door-sensor rule)
     */
    public static DataStream<InfluxPoint> attach(DataStream<SiteInput> inputs, DataStream<DeadLetter> deadLetters,
            DataStream<InfluxPoint> kpiPoints, HealthOptions options) {
        TypeInformation<InfluxPoint> pointType = TypeInformation.of(InfluxPoint.class);
        long interval = options.emitInterval().toMillis();
        DataStream<InfluxPoint> agents = inputs.flatMap(new AgentStatusPoints()).returns(pointType)
                .uid(AGENT_STATUS_UID).name("Health: agent heartbeats");
        DataStream<InfluxPoint> deadLetterCounts = deadLetters.keyBy(DeadLetterCounts::key, Types.STRING)
                .process(new DeadLetterCounts(interval), pointType)
                .uid(DEAD_LETTER_COUNTS_UID).name("Health: dead letters per stream and reason");
        DataStream<InfluxPoint> rates = inputs.keyBy(input -> input.getStream().code(), Types.STRING)
                .process(new InputRate(interval), pointType)
                .uid(INPUT_RATE_UID).name("Health: records read per stream per minute");
        DataStream<InfluxPoint> hourly = inputs.keyBy(SiteInput::getSiteId, Types.STRING)
                .process(new SiteEventsHourly(interval), pointType)
                .uid(SITE_EVENTS_HOURLY_UID).name("Health: records per site, stream and local hour");
        DataStream<InfluxPoint> doors = kpiPoints.filter(DoorSilence::isStaffingWindow)
                .uid(DOOR_SILENCE_UID + "-filter").name("Health: staffing windows")
                .keyBy(point -> point.getTags().get("site"), Types.STRING)
                .process(new DoorSilence(options), pointType)
                .uid(DOOR_SILENCE_UID).name("Health: suspected door-sensor fault");
        return agents.union(deadLetterCounts, rates, hourly, doors);
    }
}
