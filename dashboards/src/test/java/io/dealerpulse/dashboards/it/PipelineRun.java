package io.dealerpulse.dashboards.it;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.importer.publish.KafkaPublisher;
import io.dealerpulse.jobs.pipeline.KpiOptions;
import io.dealerpulse.jobs.pipeline.KpiPipeline;
import io.dealerpulse.jobs.sink.InfluxDbSink;
import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import io.dealerpulse.schemas.flink.DecodingDeserializationSchema;
import io.dealerpulse.schemas.serde.TrustedAvroClasses;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.simulator.publish.BusinessImports;
import io.dealerpulse.simulator.publish.HistoryBackfill;
import io.dealerpulse.simulator.publish.SimulatedNetwork;
import io.dealerpulse.simulator.scenario.NetworkScenario;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.KafkaEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.types.Either;

/**
 * One real pipeline run that fills InfluxDB for the dashboard tests: the simulator's seeded network
 * back-filled into real Kafka (registry, bookings and surveys through the importer, then the agents'
 * records), and the production topology ({@link KpiPipeline#build}) on a local Flink cluster with the
 * real InfluxDB sink, reading every topic up to the offsets at start, so the run ends by itself.
 *
 * <p>Dead letters and late events go to discarding sinks: the dashboards read their counts from
 * {@code stream_accounting}, which the topology writes either way.
 */
public final class PipelineRun {
    /** A Wednesday afternoon in Paris: a full back-filled Tuesday and most of today's opening hours. */
    public static final Instant NOW = Instant.parse("2026-03-04T15:00:00Z");
    /** Ten regions round-robin: 12 sites give two regions with two sites, and groups of several sites. */
    public static final int SITES = 12;
    public static final long SEED = 42L;
    public static final int HISTORY_DAYS = 1;

    private final SimulatedNetwork network = new SimulatedNetwork(NetworkScenario.of(SITES, SEED), NOW, HISTORY_DAYS);
    private HistoryBackfill.Summary summary;

    public SimulatedNetwork network() {
        return network;
    }

    public HistoryBackfill.Summary summary() {
        return summary;
    }

    /** Back-fills Kafka and runs the topology to the end of its input; returns when every point is written. */
    public PipelineRun run(KafkaEndpoint kafka, InfluxEndpoint influx, String database) throws Exception {
        TrustedAvroClasses.register();
        influx.createDatabase(database);
        try (KafkaPublisher publisher = KafkaPublisher.connect(kafka.bootstrapServers(), Map.of(),
                List.of(Topic.values()), true, Duration.ofSeconds(30))) {
            summary = new HistoryBackfill(network, HISTORY_DAYS, HISTORY_DAYS)
                    .run(new BusinessImports(publisher, network.networkKey()), publisher, (done, total, phase) -> {});
        }
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(2);
        String bootstrap = kafka.bootstrapServers();
        KpiPipeline.Inputs inputs = new KpiPipeline.Inputs(
                source(env, bootstrap, database, Topic.FOOTFALL, FootfallEvent.class),
                source(env, bootstrap, database, Topic.KIOSK, KioskEvent.class),
                source(env, bootstrap, database, Topic.APPOINTMENTS, AppointmentEvent.class),
                source(env, bootstrap, database, Topic.SURVEYS, SurveyResponse.class),
                source(env, bootstrap, database, Topic.SITE_REGISTRY, SiteRegistryVersion.class),
                source(env, bootstrap, database, Topic.AGENT_STATUS, AgentStatus.class));
        KpiPipeline.Outputs outputs = new KpiPipeline.Outputs(
                new InfluxDbSink(InfluxDbSinkOptions.of(influx.url(), database, null, null)
                        .withBatching(1000, Duration.ofMillis(200))),
                new DiscardingSink<>(), new DiscardingSink<>());
        // Bounded input: processing-time timers may never fire, so accounting is written on every event.
        KpiPipeline.build(inputs, outputs, KpiOptions.defaults().withAccountingOnEveryEvent(true));
        env.execute("dashboards-it " + database);
        return this;
    }

    private static <T extends SpecificRecordBase> DataStream<Either<T, DeadLetter>> source(
            StreamExecutionEnvironment env, String bootstrap, String database, Topic topic, Class<T> type) {
        String stream = topic.valueType().streamName();
        KafkaSource<Either<T, DeadLetter>> source = KafkaSource.<Either<T, DeadLetter>>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic.topicName())
                .setGroupId("dashboards-it-" + database)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(DecodingDeserializationSchema.of(type, stream))
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kafka " + topic.topicName())
                .uid("kafka-source-" + topic.name().toLowerCase(Locale.ROOT));
    }
}
