package io.dealerpulse.jobs.it.score;

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
import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.jobs.sink.InfluxDbSink;
import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import io.dealerpulse.schemas.flink.DecodingDeserializationSchema;
import io.dealerpulse.schemas.topics.Topic;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

/**
 * {@link KpiPipeline#build} as the deployable job wires it, on the MiniCluster at parallelism 2:
 * unbounded Kafka sources on the run's topics (the IT publishes in phases while it runs), the real
 * InfluxDB sink, Kafka sinks for dead letters and late events.
 */
final class ScoreJob {
    static final int PARALLELISM = 2;

    private ScoreJob() {}

    static KpiOptions kpiOptions() {
        return KpiOptions.defaults()
                .withOutOfOrderness(OracleOptions.DEFAULTS.outOfOrderness())
                .withAllowedLateness(OracleOptions.DEFAULTS.allowedLateness())
                .withAccountingOnEveryEvent(true); // the IT waits for each phase on these totals
    }

    static JobClient start(ScoreTopics topics, String influxUrl, String database) throws Exception {
        return start(topics, influxUrl, database, new Configuration());
    }

    /**
     * As {@link #start(ScoreTopics, String, String)}, with {@code extra} settings on top (e.g.
     * {@code execution.state-recovery.path} to restore a savepoint); the run's dead-letter and late
     * topics are created if missing.
     */
    static JobClient start(ScoreTopics topics, String influxUrl, String database, Configuration extra) throws Exception {
        return start(topics, influxUrl, database, extra, null);
    }

    /**
     * As {@link #start(ScoreTopics, String, String, Configuration)}, with {@code footfallTap} (if not
     * null) mapped over the footfall input (e.g. one that fails once); a restart strategy in
     * {@code extra} replaces the default "none".
     */
    static JobClient start(ScoreTopics topics, String influxUrl, String database, Configuration extra,
            MapFunction<Either<FootfallEvent, DeadLetter>, Either<FootfallEvent, DeadLetter>> footfallTap) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.addAll(extra);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(PARALLELISM);
        String deadLetters = topics.name(Topic.DEAD_LETTER) + "." + database;
        String late = topics.name(Topic.LATE_EVENTS) + "." + database;
        topics.createIfMissing(deadLetters, 1);
        topics.createIfMissing(late, 1);
        DataStream<Either<FootfallEvent, DeadLetter>> footfall = source(env, topics, Topic.FOOTFALL, FootfallEvent.class, database);
        if (footfallTap != null) {
            footfall = footfall.map(footfallTap).returns(footfall.getType()).name("test-footfall-tap").uid("test-footfall-tap");
        }
        KpiPipeline.Inputs inputs = new KpiPipeline.Inputs(
                footfall,
                source(env, topics, Topic.KIOSK, KioskEvent.class, database),
                source(env, topics, Topic.APPOINTMENTS, AppointmentEvent.class, database),
                source(env, topics, Topic.SURVEYS, SurveyResponse.class, database),
                source(env, topics, Topic.SITE_REGISTRY, SiteRegistryVersion.class, database),
                source(env, topics, Topic.AGENT_STATUS, AgentStatus.class, database));
        KpiPipeline.Outputs outputs = new KpiPipeline.Outputs(
                new InfluxDbSink(InfluxDbSinkOptions.of(influxUrl, database, null, null)
                        .withBatching(2000, Duration.ofMillis(100))),
                kafkaSink(topics, deadLetters),
                kafkaSink(topics, late));
        KpiPipeline.build(inputs, outputs, kpiOptions());
        org.apache.flink.streaming.api.graph.StreamGraph graph = env.getStreamGraph();
        graph.setJobName("score-scenario");
        String savepoint = extra.get(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_PATH);
        if (savepoint != null) {
            // set on the graph itself: the restore must not depend on how the test environment reads its configuration
            graph.setSavepointRestoreSettings(org.apache.flink.runtime.jobgraph.SavepointRestoreSettings.forPath(savepoint,
                    extra.get(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE)));
        }
        return env.executeAsync(graph);
    }

    private static <T extends SpecificRecordBase> DataStream<Either<T, DeadLetter>> source(StreamExecutionEnvironment env,
            ScoreTopics topics, Topic topic, Class<T> type, String database) {
        String stream = Send.streamOf(topic).tag();
        KafkaSource<Either<T, DeadLetter>> source = KafkaSource.<Either<T, DeadLetter>>builder()
                .setBootstrapServers(topics.kafka().bootstrapServers())
                .setTopics(topics.name(topic))
                .setGroupId("score-it-" + database)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(DecodingDeserializationSchema.of(type, stream))
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), stream + "-source").uid("test-source-" + stream);
    }

    private static KafkaSink<DeadLetter> kafkaSink(ScoreTopics topics, String topic) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(topics.kafka().bootstrapServers())
                .setRecordSerializer(new DeadLetterToTopic(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
