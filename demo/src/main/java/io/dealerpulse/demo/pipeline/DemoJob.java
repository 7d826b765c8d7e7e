package io.dealerpulse.demo.pipeline;

import io.dealerpulse.demo.view.BoardSink;
import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.pipeline.KpiOptions;
import io.dealerpulse.jobs.pipeline.KpiPipeline;
import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import io.dealerpulse.schemas.flink.DecodingDeserializationSchema;
import io.dealerpulse.schemas.kafka.AvroSerializer;
import io.dealerpulse.schemas.topics.Topic;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

/**
 * The KPI topology ({@link KpiPipeline#build}) on a local Flink cluster in this JVM with its web UI:
 * Kafka sources decoded as the deployable job decodes them, the demo's {@link BoardSink} for the
 * points, Kafka sinks for dead letters and too-late events. Parallelism 1 and no checkpoints: a demo
 * on one machine; the deployable job ({@code KpiJob}) is what production runs.
 */
public final class DemoJob {
    public static final String JOB_NAME = "DealerPulse KPIs (demo)";

    private DemoJob() {}

    public static JobClient start(String bootstrap, InfluxDbSinkOptions influx, int uiPort, Duration outOfOrderness)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.PORT, uiPort);
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(1);
        KpiPipeline.Inputs inputs = new KpiPipeline.Inputs(
                source(env, bootstrap, Topic.FOOTFALL, FootfallEvent.class),
                source(env, bootstrap, Topic.KIOSK, KioskEvent.class),
                source(env, bootstrap, Topic.APPOINTMENTS, AppointmentEvent.class),
                source(env, bootstrap, Topic.SURVEYS, SurveyResponse.class),
                source(env, bootstrap, Topic.SITE_REGISTRY, SiteRegistryVersion.class),
                source(env, bootstrap, Topic.AGENT_STATUS, AgentStatus.class));
        KpiPipeline.Outputs outputs = new KpiPipeline.Outputs(new BoardSink(influx),
                deadLetters(bootstrap, Topic.DEAD_LETTER), deadLetters(bootstrap, Topic.LATE_EVENTS));
        // Accounting after every input: the back-fill paces itself on what the job has received (LiveBoard).
        KpiPipeline.build(inputs, outputs, KpiOptions.defaults().withOutOfOrderness(outOfOrderness)
                .withAccountingOnEveryEvent(true));
        return env.executeAsync(JOB_NAME);
    }

    private static <T extends SpecificRecordBase> DataStream<Either<T, DeadLetter>> source(
            StreamExecutionEnvironment env, String bootstrap, Topic topic, Class<T> type) {
        KafkaSource<Either<T, DeadLetter>> source = KafkaSource.<Either<T, DeadLetter>>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic.topicName())
                .setGroupId("dealerpulse-demo")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(DecodingDeserializationSchema.of(type, topic.valueType().streamName()))
                .build();
        // No watermarks: every site keeps its own clock inside the KPI function (see KpiPipeline).
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kafka " + topic.topicName())
                .uid("kafka-source-" + topic.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static KafkaSink<DeadLetter> deadLetters(String bootstrap, Topic topic) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(KafkaRecordSerializationSchema.<DeadLetter>builder()
                        .setTopic(topic.topicName())
                        .setValueSerializationSchema(new DeadLetterBytes())
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** A dead letter as the Avro single-object bytes every DealerPulse topic carries. */
    static final class DeadLetterBytes implements org.apache.flink.api.common.serialization.SerializationSchema<DeadLetter> {
        private static final long serialVersionUID = 1L;
        private transient AvroSerializer serializer;

        @Override
        public byte[] serialize(DeadLetter element) {
            if (serializer == null) {
                serializer = new AvroSerializer();
            }
            return serializer.serialize(Topic.DEAD_LETTER.topicName(), element);
        }
    }
}
