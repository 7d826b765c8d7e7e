package io.dealerpulse.jobs.it.health;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.it.score.DeadLetterToTopic;
import io.dealerpulse.jobs.it.score.ScoreTopics;
import io.dealerpulse.jobs.pipeline.KpiOptions;
import io.dealerpulse.jobs.pipeline.KpiPipeline;
import io.dealerpulse.jobs.pipeline.OutputOptions;
import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.jobs.score.ScoreOptions;
import io.dealerpulse.jobs.sink.InfluxDbSink;
import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import io.dealerpulse.schemas.flink.DecodingDeserializationSchema;
import io.dealerpulse.schemas.topics.Topic;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
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
 * {@link KpiPipeline#build} with {@link OutputOptions} as the deployable job wires it, on the
 * MiniCluster at parallelism 2: unbounded Kafka sources, the real InfluxDB sink (with the given
 * credentials), Kafka sinks for dead letters and late events. Unknown sites are held 1 s, accounting
 * is written on every event (the ITs wait on it).
 */
final class NetworkJob {
    static final int PARALLELISM = 2;

    private NetworkJob() {}

    static JobClient start(ScoreTopics topics, InfluxDbSinkOptions influx, OutputOptions outputOptions) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        env.setParallelism(PARALLELISM);
        String run = influx.database();
        String deadLetters = topics.name(Topic.DEAD_LETTER) + "." + run;
        String late = topics.name(Topic.LATE_EVENTS) + "." + run;
        topics.kafka().createTopic(deadLetters, 1);
        topics.kafka().createTopic(late, 1);
        KpiPipeline.Inputs inputs = new KpiPipeline.Inputs(
                source(env, topics, Topic.FOOTFALL, FootfallEvent.class, run),
                source(env, topics, Topic.KIOSK, KioskEvent.class, run),
                source(env, topics, Topic.APPOINTMENTS, AppointmentEvent.class, run),
                source(env, topics, Topic.SURVEYS, SurveyResponse.class, run),
                source(env, topics, Topic.SITE_REGISTRY, SiteRegistryVersion.class, run),
                source(env, topics, Topic.AGENT_STATUS, AgentStatus.class, run));
        KpiPipeline.Outputs outputs = new KpiPipeline.Outputs(
                new InfluxDbSink(influx.withBatching(2000, Duration.ofMillis(100))),
                kafkaSink(topics, deadLetters), kafkaSink(topics, late));
        KpiOptions kpi = KpiOptions.defaults().withUnknownSiteHold(Duration.ofSeconds(1)).withAccountingOnEveryEvent(true);
        KpiPipeline.build(inputs, outputs, kpi, ScoreOptions.defaults(), outputOptions);
        return env.executeAsync("groups-health-" + run);
    }

    private static <T extends SpecificRecordBase> DataStream<Either<T, DeadLetter>> source(StreamExecutionEnvironment env,
            ScoreTopics topics, Topic topic, Class<T> type, String run) {
        String stream = Send.streamOf(topic).tag();
        KafkaSource<Either<T, DeadLetter>> source = KafkaSource.<Either<T, DeadLetter>>builder()
                .setBootstrapServers(topics.kafka().bootstrapServers())
                .setTopics(topics.name(topic))
                .setGroupId("groups-health-it-" + run)
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
