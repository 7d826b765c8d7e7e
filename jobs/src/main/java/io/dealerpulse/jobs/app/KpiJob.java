package io.dealerpulse.jobs.app;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.pipeline.KpiPipeline;
import io.dealerpulse.jobs.sink.InfluxDbSink;
import io.dealerpulse.schemas.flink.DecodingDeserializationSchema;
import io.dealerpulse.schemas.flink.SignatureVerifyingDeserializationSchema;
import io.dealerpulse.schemas.serde.TrustedAvroClasses;
import io.dealerpulse.schemas.topics.Topic;
import java.util.Locale;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployable KPI job: {@code flink run -c io.dealerpulse.jobs.app.KpiJob dealerpulse-jobs.jar
 * --config jobs.properties} (see {@code docs/jobs.md}). {@code main} only wires the real things -
 * Kafka sources with the project's decoding schema, the InfluxDB sink, Kafka sinks for dead letters
 * and too-late events - around {@link KpiPipeline}, which tests, the demo and benchmarks wire with
 * their own sources and sinks.
 */
public final class KpiJob {
    private static final Logger LOG = LoggerFactory.getLogger(KpiJob.class);
    /** Stable source ids (savepoints keep each source's Kafka offsets under them): prefix + topic key. */
    public static final String SOURCE_UID_PREFIX = "kafka-source-";
    /** Topics written by the edge agents, whose records carry site signatures. */
    static final java.util.Set<Topic> AGENT_TOPICS = java.util.EnumSet.of(Topic.FOOTFALL, Topic.KIOSK, Topic.AGENT_STATUS);

    private KpiJob() {}

    public static void main(String[] args) throws Exception {
        // Avro 1.12 instantiates only trusted classes by name; trust our event package before any record moves.
        TrustedAvroClasses.register();
        JobOptions options = JobOptions.parse(args, System.getenv());
        LOG.info("Starting '{}' with:{}", options.jobName(), options.describe());
        LOG.info("InfluxDB outages up to {} (checkpoint.timeout x (checkpoint.tolerable-failures + 1)) back-pressure"
                + " the job without restarting it", options.outageBudget());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(options.flinkConfiguration());
        wire(env, options);
        env.execute(options.jobName());
    }

    /** Adds the Kafka sources, the KPI topology and its sinks to {@code env}. */
    static void wire(StreamExecutionEnvironment env, JobOptions options) {
        KpiPipeline.Inputs inputs = new KpiPipeline.Inputs(
                source(env, options, Topic.FOOTFALL, FootfallEvent.class),
                source(env, options, Topic.KIOSK, KioskEvent.class),
                source(env, options, Topic.APPOINTMENTS, AppointmentEvent.class),
                source(env, options, Topic.SURVEYS, SurveyResponse.class),
                source(env, options, Topic.SITE_REGISTRY, SiteRegistryVersion.class),
                source(env, options, Topic.AGENT_STATUS, AgentStatus.class));
        KpiPipeline.Outputs outputs = new KpiPipeline.Outputs(
                new InfluxDbSink(options.influx()),
                kafkaSink(options, Topic.DEAD_LETTER),
                kafkaSink(options, Topic.LATE_EVENTS));
        KpiPipeline.build(inputs, outputs, options.kpi(), options.score(), options.outputs());
    }

    /** The uid of the source reading {@code topic}. */
    public static String sourceUid(Topic topic) {
        return SOURCE_UID_PREFIX + topic.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static <T extends SpecificRecordBase> DataStream<Either<T, DeadLetter>> source(
            StreamExecutionEnvironment env, JobOptions options, Topic topic, Class<T> recordClass) {
        KafkaSource<Either<T, DeadLetter>> source = KafkaSource.<Either<T, DeadLetter>>builder()
                .setProperties(options.kafkaProperties())
                .setBootstrapServers(options.kafkaBootstrapServers())
                .setTopics(options.topic(topic))
                .setGroupId(options.kafkaGroupId())
                .setStartingOffsets(startingOffsets(options.kafkaStartingOffsets()))
                .setDeserializer(deserializer(options, topic, recordClass))
                .build();
        // No watermarks: every site has its own clock inside the KPI function, so a site catching up
        // after an outage is not late just because other sites moved on (see KpiPipeline).
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kafka " + options.topic(topic))
                .uid(sourceUid(topic));
    }

    /**
     * Records the agents publish are checked against their site's signing key when a keyring is
     * configured (a foreign or unsigned one becomes a FOREIGN_SITE dead letter, see docs/security.md);
     * importer topics and every topic without a keyring are only decoded.
     */
    static <T extends SpecificRecordBase> KafkaRecordDeserializationSchema<Either<T, DeadLetter>> deserializer(
            JobOptions options, Topic topic, Class<T> recordClass) {
        String stream = topic.valueType().streamName();
        if (AGENT_TOPICS.contains(topic) && options.siteKeysFile().isPresent()) {
            return SignatureVerifyingDeserializationSchema.of(recordClass, stream, options.siteKeysFile().get(),
                    options.requireSignatures());
        }
        return DecodingDeserializationSchema.of(recordClass, stream);
    }

    // Kafka 4 deprecates OffsetResetStrategy, but flink-connector-kafka 5.0 still takes it.
    @SuppressWarnings("deprecation")
    private static OffsetsInitializer startingOffsets(String setting) {
        switch (setting) {
            case "earliest":
                return OffsetsInitializer.earliest();
            case "latest":
                return OffsetsInitializer.latest();
            default:
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
    }

    /**
     * At-least-once: a dead letter or late event may be written again after a restart; consumers
     * de-duplicate on its stable event id, as everywhere else in DealerPulse.
     */
    private static Sink<DeadLetter> kafkaSink(JobOptions options, Topic topic) {
        return KafkaSink.<DeadLetter>builder()
                .setKafkaProducerConfig(options.kafkaProperties())
                .setBootstrapServers(options.kafkaBootstrapServers())
                .setRecordSerializer(new DeadLetterRecordSerializer(options.topic(topic)))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
