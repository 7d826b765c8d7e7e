package io.dealerpulse.jobs.health;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The pipeline-health measurements (docs/kpis.md "Pipeline health"). They describe the pipeline, not
 * the dealerships, so they are excepted from replay equality and never copied to investor-group
 * databases.
 */
public final class HealthPoints {
    public static final String AGENT_STATUS = "agent_status";
    public static final String DEAD_LETTERS = "dead_letters";
    public static final String INPUT_RATE = "input_rate";
    public static final String SITE_EVENTS_HOURLY = "site_events_hourly";
    public static final String DOOR_SENSOR = "door_sensor_health";

    private HealthPoints() {}

    /** One heartbeat, at its agent time: the latest point of a site is its last heartbeat. */
    public static InfluxPoint agentStatus(AgentStatus s) {
        long rejects = s.getRejects().values().stream().mapToLong(Long::longValue).sum();
        InfluxPoint point = InfluxPoint.of(AGENT_STATUS, s.getEventTime().toEpochMilli())
                .tag("site", s.getSiteId())
                .tag("agent", s.getDeviceId())
                .field("heartbeat_time_ms", s.getEventTime().toEpochMilli())
                .field("agent_version", s.getAgentVersion())
                .field("started_at_ms", s.getStartedAt().toEpochMilli())
                .field("sequence", s.getSequence())
                .field("outbox_depth", s.getOutboxDepth())
                .field("oldest_pending_age_ms", s.getOldestPendingAgeMs())
                .field("clock_offset_measured", s.getClockOffsetMs() != null)
                .field("clock_offset_ms", s.getClockOffsetMs() == null ? 0L : s.getClockOffsetMs())
                .field("mqtt_connected", s.getMqttConnected())
                .field("messages_received", s.getMessagesReceived())
                .field("events_forwarded", s.getEventsForwarded())
                .field("rejects", rejects)
                .field("dropped", s.getDropped());
        return point;
    }

    /** The running total of dead letters of one stream and reason, as of processing time {@code nowMillis}. */
    public static InfluxPoint deadLetters(String stream, String reason, long count, long nowMillis) {
        return InfluxPoint.of(DEAD_LETTERS, nowMillis).tag("stream", stream).tag("reason", reason).field("count", count);
    }

    /** Records of a stream read in the processing-time minute starting at {@code minuteStart}. */
    public static InfluxPoint inputRate(String stream, long minuteStart, long events, boolean complete) {
        return InfluxPoint.of(INPUT_RATE, minuteStart).tag("stream", stream)
                .field("events", events)
                .field("events_per_second", events / 60.0)
                .field("complete", complete);
    }

    /** Records of a site and stream whose event time falls in the local hour starting at {@code hour}. */
    public static InfluxPoint siteEventsHourly(String site, String stream, ZonedDateTime hour, long events) {
        return InfluxPoint.of(SITE_EVENTS_HOURLY, hour.toInstant().toEpochMilli())
                .tag("site", site).tag("stream", stream)
                .tag("local_date", hour.toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE))
                .tag("local_hour", String.format("%02d", hour.getHour()))
                .field("events", events)
                .field("utc_offset_min", (long) hour.getOffset().getTotalSeconds() / 60);
    }

    /** The door-silence rule at the open window starting at {@code windowStart}. */
    public static InfluxPoint doorSensor(String site, String localDate, long windowStart, DoorSilenceRule.Silence s,
            int spanWindows) {
        return InfluxPoint.of(DOOR_SENSOR, windowStart).tag("site", site).tag("local_date", localDate)
                .field("suspected_fault", s.suspectedFault())
                .field("silent_minutes", s.silentWindows() * 15L)
                .field("check_ins_while_silent", s.checkInsWhileSilent())
                .field("span_minutes", spanWindows * 15L);
    }
}
