package io.dealerpulse.bench.harness;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.pipeline.KpiPipeline;
import io.dealerpulse.schemas.flink.DecodingDeserializationSchema;
import io.dealerpulse.schemas.topics.Topic;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

/**
 * The job benchmarks' Kafka sources, as the product's job reads its topics: from the earliest offset,
 * decoded by the product's {@link DecodingDeserializationSchema}, one uid per topic. Bounded sources stop
 * at the end offsets seen at start (a throughput run ends); unbounded ones keep waiting, like the product.
 */
public final class KafkaInputs {
    private final StreamExecutionEnvironment env;
    private final String bootstrap;
    private final String group;
    private final boolean bounded;

    private KafkaInputs(StreamExecutionEnvironment env, String bootstrap, String group, boolean bounded) {
        this.env = env;
        this.bootstrap = bootstrap;
        this.group = group;
        this.bounded = bounded;
    }

    public static KafkaInputs bounded(StreamExecutionEnvironment env, String bootstrap, String group) {
        return new KafkaInputs(env, bootstrap, group, true);
    }

    public static KafkaInputs unbounded(StreamExecutionEnvironment env, String bootstrap, String group) {
        return new KafkaInputs(env, bootstrap, group, false);
    }

    /** The six input topics as the KPI pipeline's inputs. */
    public KpiPipeline.Inputs all() {
        return new KpiPipeline.Inputs(
                source(Topic.FOOTFALL, FootfallEvent.class),
                source(Topic.KIOSK, KioskEvent.class),
                source(Topic.APPOINTMENTS, AppointmentEvent.class),
                source(Topic.SURVEYS, SurveyResponse.class),
                source(Topic.SITE_REGISTRY, SiteRegistryVersion.class),
                source(Topic.AGENT_STATUS, AgentStatus.class));
    }

    public <T extends SpecificRecordBase> DataStream<Either<T, DeadLetter>> source(Topic topic, Class<T> type) {
        KafkaSourceBuilder<Either<T, DeadLetter>> builder = KafkaSource.<Either<T, DeadLetter>>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic.topicName())
                .setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(DecodingDeserializationSchema.of(type, topic.valueType().streamName()));
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(builder.build(), WatermarkStrategy.noWatermarks(), "Kafka " + topic.topicName())
                .uid("kafka-source-" + topic.name().toLowerCase(Locale.ROOT));
    }
}
