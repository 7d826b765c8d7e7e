package io.dealerpulse.jobs.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.InfluxDbExtension;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable job's own wiring on real servers: {@link KpiJob#wire} with options parsed like
 * {@code main} does (RocksDB, checkpoints to {@code checkpoint.dir}), in a MiniCluster at parallelism 2.
 * A corrupt record on the footfall topic must come out on the dead-letter topic, Avro single-object
 * encoded, and be counted in the accounting the job writes to InfluxDB. The KPI arithmetic itself is
 * tested elsewhere (pipeline and scenario tests).
 */
@ExtendWith({KafkaExtension.class, InfluxDbExtension.class})
class KpiJobIT {
    private static final String DATABASE = "kpijob_it";

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path checkpoints;

    @Test
    void aCorruptInputIsDeadLetteredToKafkaAndCountedInInfluxDb(KafkaEndpoint kafka, InfluxEndpoint influx)
            throws Exception {
        String suffix = ".kpijob-it." + System.nanoTime();
        List<String> args = new ArrayList<>(List.of(
                "--kafka.bootstrap.servers", kafka.bootstrapServers(),
                "--kafka.starting-offsets", "earliest",
                "--influx.url", influx.url(),
                "--influx.database", DATABASE,
                "--checkpoint.dir", checkpoints.toUri().toString(),
                "--checkpoint.interval", "1 s",
                "--kpi.accounting-emit-interval", "1 s",
                "--parallelism", "2"));
        for (Topic topic : Topic.values()) {
            kafka.createTopic(topic.topicName() + suffix, 2);
            args.addAll(List.of("--" + JobOptions.topicKey(topic).name(), topic.topicName() + suffix));
        }
        influx.createDatabase(DATABASE);
        JobOptions options = JobOptions.parse(args.toArray(String[]::new), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(options.flinkConfiguration());
        KpiJob.wire(env, options);
        JobClient job = env.executeAsync(options.jobName());
        try {
            RecordMetadata corrupt;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
                corrupt = producer.send(new ProducerRecord<>(options.topic(Topic.FOOTFALL), 0, null,
                        "garbage".getBytes(StandardCharsets.UTF_8))).get(15, TimeUnit.SECONDS);
            }

            ConsumerRecord<byte[], byte[]> record = firstRecord(kafka, options.topic(Topic.DEAD_LETTER));
            assertThat(record.key()).as("no site is known for undecodable bytes").isNull();
            DeadLetter deadLetter = AvroCodec.released().decode(record.value(), DeadLetter.class);
            assertThat(deadLetter.getStream()).isEqualTo("footfall");
            assertThat(deadLetter.getKafkaTopic()).isEqualTo(options.topic(Topic.FOOTFALL));
            assertThat(deadLetter.getKafkaPartition()).isEqualTo(corrupt.partition());
            assertThat(deadLetter.getKafkaOffset()).isEqualTo(corrupt.offset());
            assertThat(deadLetter.getReason()).isEqualTo("NOT_SINGLE_OBJECT");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode row = influx.query(DATABASE, "SELECT received, dead_lettered FROM stream_accounting"
                        + " WHERE site = '_unknown' AND stream = 'footfall'").at("/results/0/series/0/values/0");
                assertThat(row.isMissingNode()).as("accounting point written").isFalse();
                assertThat(row.get(1).asLong()).isEqualTo(1);
                assertThat(row.get(2).asLong()).isEqualTo(1);
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(completedCheckpoints()).as("checkpoints in checkpoint.dir").isNotEmpty());
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private List<Path> completedCheckpoints() throws Exception {
        try (Stream<Path> files = Files.walk(checkpoints)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata")).toList();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return List.of(); // Flink renamed an in-progress file while we walked: look again
            }
            throw e;
        }
    }

    private static ConsumerRecord<byte[], byte[]> firstRecord(KafkaEndpoint kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("kpijob-it"))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
                return !received.isEmpty();
            });
            assertThat(received).hasSize(1);
            return received.get(0);
        }
    }
}
