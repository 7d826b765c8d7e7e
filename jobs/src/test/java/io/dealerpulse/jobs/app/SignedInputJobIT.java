package io.dealerpulse.jobs.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dealerpulse.events.CounterFormat;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.EventIds;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.signing.RecordSignatures;
import io.dealerpulse.schemas.signing.RecordSigner;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.InfluxDbExtension;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.local.ScramKafkaBroker;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployable job on a Kafka that requires SASL/SCRAM, reading with its own principal (password
 * from {@code kafka.secret-properties-file}) and checking the agents' record signatures against its
 * keyring with {@code security.require-signatures=true}. Of three footfall records for one site, the
 * one signed with the site's key passes (it reaches the KPI function, which dead-letters it as
 * UNKNOWN_SITE after the hold since no registry is published); the one signed with another site's
 * key and the unsigned one are dead-lettered as FOREIGN_SITE with their raw bytes. No secret appears
 * in what the job logged (captured at INFO, Kafka client configuration dumps included).
 */
@ExtendWith(InfluxDbExtension.class)
class SignedInputJobIT {
    private static final String DATABASE = "signed_input_it";
    private static final String SITE = "FR-PARIS-01";
    private static final String PARIS_KEY = "paris-signing-" + UUID.randomUUID();
    private static final String LYON_KEY = "lyon-signing-" + UUID.randomUUID();
    private static final String JOB_PASSWORD = "jobs-scram-" + UUID.randomUUID();
    private static final String INFLUX_PASSWORD = "influx-secret-" + UUID.randomUUID();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    @Test
    void foreignAndUnsignedRecordsAreDeadLetteredAndTheSignedOneIsAccepted(InfluxEndpoint influx) throws Exception {
        StringWriter log = new StringWriter();
        try (ScramKafkaBroker kafka = ScramKafkaBroker.launch(); LogCapture capture = LogCapture.start(log)) {
            kafka.addUser("dealerpulse-jobs", JOB_PASSWORD);
            Path keyring = Files.writeString(dir.resolve("site-keys.properties"),
                    SITE + " = " + PARIS_KEY + "\nFR-LYON-01 = " + LYON_KEY + "\n");
            Path secrets = Files.writeString(dir.resolve("kafka-secrets.properties"), "sasl.jaas.config="
                    + ScramKafkaBroker.jaasConfig("dealerpulse-jobs", JOB_PASSWORD).replace("\"", "\\\"") + "\n");
            List<String> args = new ArrayList<>(List.of(
                    "--kafka.bootstrap.servers", kafka.scramBootstrapServers(),
                    "--kafka.properties.security.protocol", "SASL_PLAINTEXT",
                    "--kafka.properties.sasl.mechanism", ScramKafkaBroker.MECHANISM,
                    "--kafka.secret-properties-file", secrets.toString(),
                    "--security.require-signatures", "true",
                    "--security.site-keys-file", keyring.toString(),
                    "--kafka.starting-offsets", "earliest",
                    "--influx.url", influx.url(),
                    "--influx.database", DATABASE,
                    "--influx.user", "dealerpulse",
                    "--checkpoint.dir", dir.resolve("checkpoints").toUri().toString(),
                    "--kpi.unknown-site-hold", "1 s",
                    "--parallelism", "2"));
            for (Topic topic : Topic.values()) {
                kafka.createTopic(topic.topicName(), 2);
            }
            influx.createDatabase(DATABASE);
            JobOptions options = JobOptions.parse(args.toArray(String[]::new), Map.of(JobOptions.PASSWORD_ENV,
                    INFLUX_PASSWORD));
            String described = options.describe();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(options.flinkConfiguration());
            KpiJob.wire(env, options);
            JobClient job = env.executeAsync(options.jobName());
            try {
                Instant t = Instant.parse("2026-03-02T09:00:00Z");
                FootfallEvent good = footfall(t);
                FootfallEvent forged = footfall(t.plusSeconds(60));
                FootfallEvent unsigned = footfall(t.plusSeconds(120));
                RecordMetadata forgedAt;
                RecordMetadata unsignedAt;
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
                    producer.send(signed(good, PARIS_KEY)).get(15, TimeUnit.SECONDS);
                    forgedAt = producer.send(signed(forged, LYON_KEY)).get(15, TimeUnit.SECONDS);
                    unsignedAt = producer.send(new ProducerRecord<>(Topic.FOOTFALL.topicName(),
                            SITE.getBytes(StandardCharsets.UTF_8), AvroCodec.released().encode(unsigned)))
                            .get(15, TimeUnit.SECONDS);
                }

                List<DeadLetter> letters = deadLetters(kafka, 3);
                assertThat(letters).extracting(DeadLetter::getReason)
                        .containsExactlyInAnyOrder("FOREIGN_SITE", "FOREIGN_SITE", "UNKNOWN_SITE");
                DeadLetter accepted = letters.stream().filter(l -> l.getReason().equals("UNKNOWN_SITE")).findFirst()
                        .orElseThrow();
                assertThat(accepted.getEventId()).as("the signed record passed verification").isEqualTo(good.getEventId());
                List<DeadLetter> foreign = letters.stream().filter(l -> l.getReason().equals("FOREIGN_SITE")).toList();
                assertThat(foreign).extracting(DeadLetter::getKafkaOffset)
                        .containsExactlyInAnyOrder(forgedAt.offset(), unsignedAt.offset());
                assertThat(foreign).allSatisfy(l -> {
                    assertThat(l.getSiteId()).isEqualTo(SITE);
                    assertThat(l.getStream()).isEqualTo("footfall");
                    assertThat(l.getKafkaTopic()).isEqualTo(Topic.FOOTFALL.topicName());
                });
                assertThat(foreign.stream().filter(l -> l.getKafkaOffset() == forgedAt.offset()
                        && l.getKafkaPartition() == forgedAt.partition()).findFirst().orElseThrow().getPayload().array())
                        .as("raw payload").isEqualTo(AvroCodec.released().encode(forged));
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
            String everything = described + "\n" + log;
            assertThat(log.toString()).as("the capture saw the Kafka clients' configuration")
                    .contains("sasl.jaas.config = [hidden]");
            for (String secret : List.of(PARIS_KEY, LYON_KEY, JOB_PASSWORD, INFLUX_PASSWORD)) {
                assertThat(everything).as("job log and described options").doesNotContain(secret);
            }
        }
    }

    private static FootfallEvent footfall(Instant t) {
        return FootfallEvent.newBuilder()
                .setEventId(EventIds.of(SITE, "counter-1", "door-1", t))
                .setSiteId(SITE).setDeviceId("counter-1").setLineId("door-1")
                .setReceptionDoor(true).setDirection(Direction.IN).setCount(1)
                .setEventTime(t).setReceivedTime(t).setDeviceTime(t)
                .setSourceFormat(CounterFormat.GENERIC)
                .build();
    }

    /** A record as the agent sends it: key = site id, signature headers made with {@code key}. */
    private static ProducerRecord<byte[], byte[]> signed(FootfallEvent event, String key) {
        byte[] value = AvroCodec.released().encode(event);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topic.FOOTFALL.topicName(),
                SITE.getBytes(StandardCharsets.UTF_8), value);
        record.headers().add(RecordSignatures.SITE_HEADER, SITE.getBytes(StandardCharsets.UTF_8));
        record.headers().add(RecordSignatures.SIGNATURE_HEADER, new RecordSigner(SITE, key).sign(event.getEventId(), value));
        return record;
    }

    private static List<DeadLetter> deadLetters(ScramKafkaBroker kafka, int expected) {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("signed-it"))) {
            consumer.subscribe(List.of(Topic.DEAD_LETTER.topicName()));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    letters.add(AvroCodec.released().decode(r.value(), DeadLetter.class));
                }
                return letters.size() >= expected;
            });
        }
        return letters;
    }

    /** Everything logged at INFO and above (Kafka clients included) while open, into a writer. */
    private record LogCapture(WriterAppender appender, Map<String, Level> previous) implements AutoCloseable {
        static LogCapture start(StringWriter target) {
            LoggerContext context = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
            WriterAppender appender = WriterAppender.newBuilder().setName("secret-scan").setTarget(target)
                    .setLayout(PatternLayout.newBuilder().withPattern("%p %c - %m%n%throwable").build()).build();
            appender.start();
            context.getConfiguration().getRootLogger().addAppender(appender, Level.INFO, null);
            Map<String, Level> previous = Map.of(
                    "", context.getConfiguration().getRootLogger().getLevel(),
                    "org.apache.kafka", context.getConfiguration().getLoggerConfig("org.apache.kafka").getLevel());
            Configurator.setLevel("org.apache.kafka", Level.INFO);
            Configurator.setRootLevel(Level.INFO);
            return new LogCapture(appender, previous);
        }

        @Override
        public void close() {
            LoggerContext context = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
            Configurator.setRootLevel(previous.get(""));
            Configurator.setLevel("org.apache.kafka", previous.get("org.apache.kafka"));
            context.getConfiguration().getRootLogger().removeAppender(appender.getName());
            context.updateLoggers();
            appender.stop();
        }
    }
}
