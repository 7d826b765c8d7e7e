package io.dealerpulse.jobs.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.events.CounterFormat;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.EventIds;
import io.dealerpulse.schemas.flink.DecodingDeserializationSchema;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Either;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Smoke test of the Flink side of the contracts: a bounded {@link KafkaSource} at parallelism 2 with
 * the project's {@link DecodingDeserializationSchema} on a real broker decodes every valid record
 * and turns the one corrupt record into a dead letter that names where it was read.
 */
@ExtendWith(KafkaExtension.class)
class KafkaSourceSmokeIT {
    private static final int VALID_RECORDS = 40;
    private static final Instant OPENING = Instant.parse("2026-03-02T08:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void decodesEveryValidRecordAndDeadLettersTheCorruptOne(KafkaEndpoint kafka) throws Exception {
        String topic = "smoke.footfall." + System.nanoTime();
        kafka.createTopic(topic, 2);
        List<FootfallEvent> sent = new ArrayList<>();
        RecordMetadata corrupt;
        AvroCodec codec = AvroCodec.released();
        var producerProperties = kafka.producerProperties();
        producerProperties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        producerProperties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties)) {
            for (int i = 0; i < VALID_RECORDS; i++) {
                FootfallEvent event = footfall(i);
                sent.add(event);
                producer.send(new ProducerRecord<>(topic, key(event.getSiteId()), codec.encode(event)));
            }
            // Mid-stream, in partition 1: valid records follow it on the same partition.
            corrupt = producer.send(new ProducerRecord<>(topic, 1, key("site-corrupt"),
                    "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8))).get(15, TimeUnit.SECONDS);
            for (int i = VALID_RECORDS; i < VALID_RECORDS + 5; i++) {
                FootfallEvent event = footfall(i);
                sent.add(event);
                producer.send(new ProducerRecord<>(topic, key(event.getSiteId()), codec.encode(event)));
            }
            producer.flush();
        }

        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        KafkaSource<Either<FootfallEvent, DeadLetter>> source = KafkaSource.<Either<FootfallEvent, DeadLetter>>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(topic)
                .setGroupId("smoke-it")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(DecodingDeserializationSchema.of(FootfallEvent.class, "footfall"))
                .build();

        List<FootfallEvent> decoded = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        try (CloseableIterator<Either<FootfallEvent, DeadLetter>> results = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "footfall").name("footfall")
                .executeAndCollect("kafka-source-smoke-it")) {
            results.forEachRemaining(result -> {
                if (result.isLeft()) {
                    decoded.add(result.left());
                } else {
                    deadLetters.add(result.right());
                }
            });
        }

        assertThat(decoded).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(deadLetters).hasSize(1);
        DeadLetter deadLetter = deadLetters.get(0);
        assertThat(deadLetter.getKafkaTopic()).isEqualTo(topic);
        assertThat(deadLetter.getKafkaPartition()).isEqualTo(corrupt.partition());
        assertThat(deadLetter.getKafkaOffset()).isEqualTo(corrupt.offset());
        assertThat(deadLetter.getSource()).isEqualTo("kafka:" + topic + "/1/" + corrupt.offset());
        assertThat(deadLetter.getStream()).isEqualTo("footfall");
        assertThat(deadLetter.getReason()).isEqualTo("NOT_SINGLE_OBJECT");
        assertThat(deadLetter.getDetail()).contains("not Avro single-object encoding");
        assertThat(StandardCharsets.UTF_8.decode(deadLetter.getPayload()).toString()).isEqualTo("{\"not\":\"avro\"}");
    }

    private static FootfallEvent footfall(int i) {
        String site = "site-" + (i % 4);
        Instant crossing = OPENING.plus(Duration.ofSeconds(37L * i));
        return FootfallEvent.newBuilder()
                .setEventId(EventIds.of(site, "axis-door-1", "ReceptionIn", crossing.toString(), Integer.toString(i)))
                .setSiteId(site)
                .setDeviceId("axis-door-1")
                .setLineId("ReceptionIn")
                .setReceptionDoor(true)
                .setDirection(i % 3 == 0 ? Direction.OUT : Direction.IN)
                .setCount(1 + i % 2)
                .setEventTime(crossing)
                .setIntervalEnd(null)
                .setReceivedTime(crossing.plusMillis(250))
                .setDeviceTime(crossing)
                .setClockReplaced(false)
                .setCounterReset(false)
                .setSourceFormat(CounterFormat.AXIS_OBJECT_ANALYTICS)
                .build();
    }

    private static byte[] key(String siteId) {
        return siteId.getBytes(StandardCharsets.UTF_8);
    }
}
