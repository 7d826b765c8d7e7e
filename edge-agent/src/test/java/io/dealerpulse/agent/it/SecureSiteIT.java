package io.dealerpulse.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dealerpulse.agent.AgentMain;
import io.dealerpulse.agent.SiteFixture;
import io.dealerpulse.agent.mqtt.SiteBrokerTls;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.schemas.Pseudonyms;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.signing.RecordSignatures;
import io.dealerpulse.schemas.signing.SignatureCheck;
import io.dealerpulse.schemas.signing.SiteKeyring;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.MosquittoEndpoint;
import io.dealerpulse.testkit.MosquittoOptions;
import io.dealerpulse.testkit.local.ScramKafkaBroker;
import io.dealerpulse.testkit.local.process.FreePorts;
import io.dealerpulse.testkit.tls.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One site run the secure way, end to end, with the agent as its own process: devices publish over
 * TLS to the shipped broker config and ACL; the agent authenticates to Kafka with its own SCRAM
 * principal (password from a file), signs every record with its site key, and pseudonymises badge
 * ids and appointment references. Then every byte it left behind is searched: all records of all
 * topics for personal data in clear and secrets, and its log, {@code --check-config} output and
 * status endpoint for secrets.
 */
class SecureSiteIT {
    static final String SITE = "IT-SECURE";
    static final String PRINCIPAL = "agent-" + SITE;
    static final String BADGE = "B-CLEAR-7781";
    static final String FOREIGN_BADGE = "B-CLEAR-4242";
    static final String MALFORMED_BADGE = "B-CLEAR-9999";
    static final String APPOINTMENT = "APT-CLEAR-55012";
    static final Map<String, String> SECRETS = Map.of(
            "DP_MQTT_PASSWORD", "mqtt-secret-" + UUID.randomUUID(),
            "DP_SITE_KEY", "badge-key-" + UUID.randomUUID(),
            "DP_NETWORK_KEY", "network-key-" + UUID.randomUUID(),
            "DP_SIGNING_KEY", "signing-key-" + UUID.randomUUID());
    static final String SCRAM_PASSWORD = "scram-secret-" + UUID.randomUUID();
    static final String DEVICE_PASSWORD = "device-secret-" + UUID.randomUUID();

    @TempDir
    static Path dir;
    static TestCertificates certificates;
    static MosquittoEndpoint broker;
    static ScramKafkaBroker kafka;

    @BeforeAll
    static void startServers() throws Exception {
        certificates = TestCertificates.generate(dir.resolve("site-ca"), "DNS:localhost", "IP:127.0.0.1");
        broker = MosquittoOptions.builder()
                .baseConfig(Path.of("config", "mosquitto.conf"))
                .user("agent", SECRETS.get("DP_MQTT_PASSWORD"))
                .user(SiteFixture.GENERIC_COUNTER, DEVICE_PASSWORD)
                .user(SiteFixture.KIOSK, DEVICE_PASSWORD)
                .acl(Files.readString(Path.of("config", "dealerpulse.acl.example")))
                .tls(certificates.caPem(), certificates.certificatePem(), certificates.privateKeyPem())
                .start();
        kafka = ScramKafkaBroker.launch();
        kafka.addUser(PRINCIPAL, SCRAM_PASSWORD);
    }

    @AfterAll
    static void stopServers() {
        if (broker != null) {
            broker.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aWrongScramPasswordIsRefusedByTheBroker() {
        Properties props = kafka.scramClientProperties(PRINCIPAL, "not-" + SCRAM_PASSWORD);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            assertThatThrownBy(() -> producer.partitionsFor(Topic.FOOTFALL.topicName()))
                    .isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageNotContaining(SCRAM_PASSWORD);
        }
    }

    @Test
    void theAgentSignsAuthenticatesAndLeavesNoSecretOrPersonalDataBehind() throws Exception {
        Path data = Files.createDirectories(dir.resolve("agent"));
        Path jaas = Files.writeString(data.resolve("kafka-jaas.conf"), ScramKafkaBroker.jaasConfig(PRINCIPAL, SCRAM_PASSWORD));
        int httpPort = FreePorts.pick();
        Path config = SiteFixture.write(data.resolve("agent.yaml"), SiteFixture.yaml(SITE,
                        "ssl://localhost:" + broker.port(), kafka.scramBootstrapServers(), data, "")
                .replace("  username: agent\n", "  username: agent\n  tls-ca-file: " + certificates.caFile() + "\n")
                .replace("  create-topics: true\n", """
                          create-topics: true
                          signing-key: env:DP_SIGNING_KEY
                          properties:
                            security.protocol: SASL_PLAINTEXT
                            sasl.mechanism: SCRAM-SHA-512
                          secret-properties:
                            sasl.jaas.config: file:%s
                        """.formatted(jaas))
                .replace("  http-port: 0\n", "  http-port: " + httpPort + "\n"));

        String checkOutput = runToEnd(config, "--check-config");
        assertThat(checkOutput).contains("is valid");
        assertNoSecretIn("--check-config output", checkOutput);
        Path log = AgentProcess.logFile("secure-site");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String metrics;
        String health;
        try (AgentProcess agent = AgentProcess.start(config, log, SECRETS)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> get(httpPort, "/metrics")
                    .contains("\ndealerpulse_agent_mqtt_connected 1"));
            publish(SiteFixture.GENERIC_COUNTER, "dealerpulse/counter/" + SiteFixture.GENERIC_COUNTER,
                    Payloads.counter(SITE, SiteFixture.GENERIC_COUNTER, now.minusSeconds(60).toString(), 3, 1));
            String kioskTopic = "dealerpulse/kiosk/" + SiteFixture.KIOSK;
            publish(SiteFixture.KIOSK, kioskTopic, Payloads.kiosk(SITE, "m-1", "SIGN_ON", now,
                    ",\"badge_id\":\"" + BADGE + "\""));
            publish(SiteFixture.KIOSK, kioskTopic, Payloads.kiosk(SITE, "m-2", "CHECK_IN", now,
                    ",\"visit_id\":\"V-1\",\"appointment_ref\":\"" + APPOINTMENT + "\""));
            publish(SiteFixture.KIOSK, kioskTopic, Payloads.kiosk("DE-BERLIN-02", "m-3", "SIGN_ON", now,
                    ",\"badge_id\":\"" + FOREIGN_BADGE + "\""));
            publish(SiteFixture.KIOSK, kioskTopic, "{\"kiosk_id\":\"kiosk-1\",\"badge_id\":\"" + MALFORMED_BADGE + "\",");

            List<KioskEvent> kiosk = KafkaRecords.decoded(kafka, Topic.KIOSK.topicName(), SITE, KioskEvent.class,
                    k -> k.size() >= 2, Duration.ofSeconds(60));
            List<DeadLetter> letters = KafkaRecords.decoded(kafka, Topic.DEAD_LETTER.topicName(), SITE,
                    DeadLetter.class, l -> l.size() >= 2, Duration.ofSeconds(30));
            assertThat(KafkaRecords.raw(kafka, Topic.FOOTFALL.topicName(), SITE, r -> !r.isEmpty(),
                    Duration.ofSeconds(30))).isNotEmpty();
            assertThat(KafkaRecords.raw(kafka, Topic.AGENT_STATUS.topicName(), SITE, r -> !r.isEmpty(),
                    Duration.ofSeconds(30))).isNotEmpty();

            // Positive controls: the personal values did arrive, as pseudonyms under the configured keys.
            assertThat(kiosk).extracting(KioskEvent::getAdvisorPseudonym).contains(
                    new Pseudonyms(SECRETS.get("DP_SITE_KEY").getBytes(StandardCharsets.UTF_8)).of(BADGE));
            assertThat(kiosk).extracting(KioskEvent::getAppointmentRefPseudonym).contains(
                    new Pseudonyms(SECRETS.get("DP_NETWORK_KEY").getBytes(StandardCharsets.UTF_8)).of(APPOINTMENT));
            assertThat(letters).extracting(DeadLetter::getReason).contains("FOREIGN_SITE", "MALFORMED_JSON");
            metrics = get(httpPort, "/metrics");
            health = get(httpPort, "/health");
        }

        List<ConsumerRecord<byte[], byte[]>> everything = allRecords();
        SiteKeyring keyring = SiteKeyring.parse(SITE + "=" + SECRETS.get("DP_SIGNING_KEY"));
        AvroCodec codec = AvroCodec.released();
        int checked = 0;
        for (ConsumerRecord<byte[], byte[]> r : everything) {
            Topic topic = java.util.Arrays.stream(Topic.values()).filter(t -> t.topicName().equals(r.topic()))
                    .findFirst().orElseThrow(() -> new AssertionError("unexpected topic " + r.topic()));
            var record = (org.apache.avro.generic.GenericRecord) codec.decode(r.value(), topic.valueType().recordClass());
            assertThat(keyring.check(header(r, RecordSignatures.SITE_HEADER), bytes(r, RecordSignatures.SIGNATURE_HEADER),
                    SITE, String.valueOf(record.get("event_id")), r.value())).as(topic + " offset " + r.offset())
                    .isEqualTo(SignatureCheck.VALID);
            checked++;
        }
        assertThat(checked).as("signed records checked: footfall, 2 kiosk, 2 dead letters, heartbeats")
                .isGreaterThanOrEqualTo(6);
        for (ConsumerRecord<byte[], byte[]> r : everything) {
            String bytes = latin1(r.key()) + latin1(r.value());
            for (Header h : r.headers()) {
                bytes += h.key() + latin1(h.value());
            }
            for (String personal : List.of(BADGE, FOREIGN_BADGE, MALFORMED_BADGE, APPOINTMENT)) {
                assertThat(bytes).as("%s/%d offset %d", r.topic(), r.partition(), r.offset()).doesNotContain(personal);
            }
            assertNoSecretIn(r.topic() + " offset " + r.offset(), bytes);
        }
        assertNoSecretIn("/metrics", metrics);
        assertNoSecretIn("/health", health);
        String agentLog = Files.readString(log);
        assertThat(agentLog).as("the log is the agent's").contains("DealerPulse edge agent");
        assertNoSecretIn("agent log " + log, agentLog);
        assertThat(agentLog).doesNotContain(BADGE, FOREIGN_BADGE, MALFORMED_BADGE, APPOINTMENT);
    }

    static void assertNoSecretIn(String where, String text) {
        List<String> secrets = new ArrayList<>(SECRETS.values());
        secrets.add(SCRAM_PASSWORD);
        secrets.add(DEVICE_PASSWORD);
        for (String secret : secrets) {
            assertThat(text).as(where).doesNotContain(secret);
        }
    }

    /** Every record of every topic on the broker, whatever its key. */
    static List<ConsumerRecord<byte[], byte[]>> allRecords() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (Admin admin = Admin.create(kafka.adminProperties());
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("scan"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    static void publish(String device, String topic, String json) throws Exception {
        MqttClient client = new MqttClient("ssl://localhost:" + broker.port(), device + "-" + UUID.randomUUID(),
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(device);
        options.setPassword(DEVICE_PASSWORD.getBytes(StandardCharsets.UTF_8));
        options.setSocketFactory(SiteBrokerTls.trusting(certificates.caFile()));
        client.connect(options);
        try {
            client.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    /** Runs the agent's command line in its own JVM with the site's secrets in its environment. */
    static String runToEnd(Path config, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AgentMain.class.getName(), "--config", config.toString()));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(SECRETS);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    static String get(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        byte[] value = bytes(r, name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    static byte[] bytes(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : h.value();
    }

    static String latin1(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
