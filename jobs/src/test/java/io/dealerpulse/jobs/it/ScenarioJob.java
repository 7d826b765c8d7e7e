package io.dealerpulse.jobs.it;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.oracle.OracleOptions;
import io.dealerpulse.jobs.pipeline.KpiOptions;
import io.dealerpulse.jobs.pipeline.KpiPipeline;
import io.dealerpulse.jobs.sink.InfluxDbSink;
import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import io.dealerpulse.schemas.flink.DecodingDeserializationSchema;
import io.dealerpulse.schemas.topics.Topic;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

/**
 * The KPI pipeline as the scenario tests run it on the MiniCluster: Kafka sources on the run's
 * topics (bounded to the offsets at start, or unbounded), {@link KpiPipeline#build} with the test's
 * options, the real InfluxDB sink and Kafka sinks for dead letters and late events.
 */
final class ScenarioJob {
    static final int PARALLELISM = 2;

    private final ScenarioTopics topics;
    private final String influxUrl;
    private final String database;
    private boolean bounded = true;
    private Path checkpoints;
    private MapFunction<Either<FootfallEvent, DeadLetter>, Either<FootfallEvent, DeadLetter>> footfallTap;

    ScenarioJob(ScenarioTopics topics, String influxUrl, String database) {
        this.topics = topics;
        this.influxUrl = influxUrl;
        this.database = database;
    }

    /** Keep reading after the offsets at start (for a site that comes back later). */
    ScenarioJob unbounded() {
        bounded = false;
        return this;
    }

    /**
     * Embedded RocksDB, a checkpoint every 500 ms into {@code directory}, and up to 3 restarts: a
     * failure restores the last checkpoint.
     */
    ScenarioJob checkpointedWithRocksDb(Path directory) {
        checkpoints = directory;
        return this;
    }

    /** A map on the footfall input, e.g. one that slows it down or fails once. */
    ScenarioJob tapFootfall(MapFunction<Either<FootfallEvent, DeadLetter>, Either<FootfallEvent, DeadLetter>> tap) {
        footfallTap = tap;
        return this;
    }

    static KpiOptions kpiOptions() {
        OracleOptions oracle = OracleOptions.DEFAULTS;
        return KpiOptions.defaults()
                .withOutOfOrderness(oracle.outOfOrderness())
                .withAllowedLateness(oracle.allowedLateness())
                .withAccountingOnEveryEvent(true); // bounded input: processing-time timers may never fire
    }

    JobClient start(String jobName) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        if (checkpoints != null) {
            conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        ScenarioTopics.createServed(topics.kafka(), outputTopic(Topic.DEAD_LETTER), 1);
        ScenarioTopics.createServed(topics.kafka(), outputTopic(Topic.LATE_EVENTS), 1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf); // the MiniCluster's test environment does not take every option from the factory
        if (checkpoints != null) {
            env.enableCheckpointing(500);
        }
        env.setParallelism(PARALLELISM);

        DataStream<Either<FootfallEvent, DeadLetter>> footfall = source(env, Topic.FOOTFALL, FootfallEvent.class);
        if (footfallTap != null) {
            footfall = footfall.map(footfallTap).returns(footfall.getType()).name("test-footfall-tap").uid("test-footfall-tap");
        }
        DataStream<Either<KioskEvent, DeadLetter>> kiosk = source(env, Topic.KIOSK, KioskEvent.class);
        DataStream<Either<AgentStatus, DeadLetter>> agent = source(env, Topic.AGENT_STATUS, AgentStatus.class);
        KpiPipeline.Inputs inputs = new KpiPipeline.Inputs(
                footfall,
                kiosk,
                source(env, Topic.APPOINTMENTS, AppointmentEvent.class),
                source(env, Topic.SURVEYS, SurveyResponse.class),
                source(env, Topic.SITE_REGISTRY, SiteRegistryVersion.class),
                agent);
        KpiPipeline.Outputs outputs = new KpiPipeline.Outputs(
                new InfluxDbSink(InfluxDbSinkOptions.of(influxUrl, database, null, null)
                        .withBatching(500, Duration.ofMillis(200))),
                kafkaSink(Topic.DEAD_LETTER),
                kafkaSink(Topic.LATE_EVENTS));
        KpiPipeline.build(inputs, outputs, kpiOptions());
        return env.executeAsync(jobName);
    }

    private <T extends SpecificRecordBase> DataStream<Either<T, DeadLetter>> source(StreamExecutionEnvironment env,
            Topic topic, Class<T> type) {
        String stream = io.dealerpulse.jobs.scenario.Send.streamOf(topic).tag();
        KafkaSourceBuilder<Either<T, DeadLetter>> builder = KafkaSource.<Either<T, DeadLetter>>builder()
                .setBootstrapServers(topics.kafka().bootstrapServers())
                .setTopics(topics.name(topic))
                .setGroupId("scenario-it-" + database)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(DecodingDeserializationSchema.of(type, stream));
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(), WatermarkStrategy.noWatermarks(), stream + "-source")
                .uid("test-source-" + stream);
    }

    private KafkaSink<DeadLetter> kafkaSink(Topic topic) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(topics.kafka().bootstrapServers())
                .setRecordSerializer(new DeadLetterRecords(outputTopic(topic)))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** The run's copy of a dead-letter or late-events topic, so runs sharing the broker count only their own. */
    String outputTopic(Topic topic) {
        return topics.name(topic) + "." + database;
    }
}
