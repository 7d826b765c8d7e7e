package io.dealerpulse.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.testkit.MosquittoEndpoint;
import io.dealerpulse.testkit.MosquittoOptions;
import io.dealerpulse.testkit.tls.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site broker as shipped ({@code config/mosquitto.conf} with {@code config/dealerpulse.acl.example})
 * on real mosquitto, behind a TLS listener whose certificates are made at test time, with MQTT 5
 * clients, which hear the broker's reason codes: who may connect, who may publish where, what the
 * agent may read, and that the agent's own TLS settings refuse a certificate for another host name.
 */
class MqttSecurityIT {
    static final Path SHIPPED_CONF = Path.of("config", "mosquitto.conf");
    static final Path SHIPPED_ACL = Path.of("config", "dealerpulse.acl.example");
    static final String AGENT_PASSWORD = "agent-password-" + UUID.randomUUID();
    static final String DEVICE = "door-2";
    static final String DEVICE_PASSWORD = "door-password-" + UUID.randomUUID();
    /** A user outside the shipped ACL's device patterns, to check what the agent cannot read. */
    static final String MAINTENANCE = "maintenance";
    static final int NOT_AUTHORIZED = 0x87;
    /** Reason codes below this are successes, e.g. 0x10 "no matching subscribers". */
    static final int FIRST_ERROR = 0x80;

    @TempDir
    static Path dir;
    static TestCertificates certificates;
    static MosquittoEndpoint broker;

    @BeforeAll
    static void startBroker() throws Exception {
        certificates = TestCertificates.generate(dir.resolve("site-ca"), "DNS:localhost", "IP:127.0.0.1");
        broker = MosquittoOptions.builder()
                .baseConfig(SHIPPED_CONF)
                .user("agent", AGENT_PASSWORD)
                .user(DEVICE, DEVICE_PASSWORD)
                .user(MAINTENANCE, "maintenance-password")
                .acl(Files.readString(SHIPPED_ACL) + "\nuser " + MAINTENANCE + "\ntopic write site/maintenance/#\n")
                .tls(certificates.caPem(), certificates.certificatePem(), certificates.privateKeyPem())
                .start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    static String tlsUri(MosquittoEndpoint endpoint) {
        return "ssl://localhost:" + endpoint.port();
    }

    /** What the agent's config gives for {@code user}: the agent's own connection options, TLS included. */
    static AgentConfig.Mqtt agentSettings(String uri, Path caFile, String user, String password) {
        return new AgentConfig.Mqtt(uri, "test-" + UUID.randomUUID(), Optional.ofNullable(user),
                Optional.ofNullable(password), Duration.ofMinutes(5), Optional.empty(), 100, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Map.of(), List.of(), Optional.of(caFile));
    }

    static MqttAsyncClient connect(AgentConfig.Mqtt settings) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(settings.brokerUri(), settings.clientId(), new MemoryPersistence());
        MqttConnectionOptions options = MqttIngest.connectionOptions(settings);
        options.setAutomaticReconnect(false);
        options.setCleanStart(true);
        try {
            client.connect(options).waitForCompletion(15_000);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    static int publish(MqttAsyncClient client, String topic) throws MqttException {
        IMqttToken token = client.publish(topic, new MqttMessage("{}".getBytes(StandardCharsets.UTF_8), 1, false, null));
        token.waitForCompletion(10_000);
        return token.getReasonCodes()[0];
    }

    static void close(MqttAsyncClient client) throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }

    @Test
    void anonymousAndWrongPasswordConnectionsAreRefused() {
        assertThatThrownBy(() -> connect(agentSettings(tlsUri(broker), certificates.caFile(), null, null)))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).as("anonymous").isEqualTo(NOT_AUTHORIZED));
        assertThatThrownBy(() -> connect(agentSettings(tlsUri(broker), certificates.caFile(), "agent", "wrong")))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode())
                        .as("wrong password (mosquitto 2.0 answers 0x87, not 0x86)").isEqualTo(NOT_AUTHORIZED));
    }

    @Test
    void aDevicePublishesOnlyUnderItsOwnTopics() throws Exception {
        MqttAsyncClient device = connect(agentSettings(tlsUri(broker), certificates.caFile(), DEVICE, DEVICE_PASSWORD));
        try {
            assertThat(publish(device, "dealerpulse/counter/" + DEVICE)).as("own topic").isLessThan(FIRST_ERROR);
            assertThat(publish(device, "dealerpulse/counter/door-3")).as("another device's topic")
                    .isEqualTo(NOT_AUTHORIZED);
            assertThat(publish(device, "dealerpulse/kiosk/kiosk-1")).as("a kiosk's topic").isEqualTo(NOT_AUTHORIZED);
            assertThat(publish(device, "axis/ACCC8E123456/event/x")).as("a camera's topic").isEqualTo(NOT_AUTHORIZED);
        } finally {
            close(device);
        }
    }

    @Test
    void theAgentReadsOnlyTheSitesDeviceTopicsAndPublishesNothing() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        MqttAsyncClient agent = connect(agentSettings(tlsUri(broker), certificates.caFile(), "agent", AGENT_PASSWORD));
        MqttAsyncClient device = connect(agentSettings(tlsUri(broker), certificates.caFile(), DEVICE, DEVICE_PASSWORD));
        MqttAsyncClient maintenance = connect(agentSettings(tlsUri(broker), certificates.caFile(), MAINTENANCE,
                "maintenance-password"));
        try {
            agent.setCallback(new TopicRecorder(received));
            agent.subscribe(new MqttSubscription("#", 1)).waitForCompletion(10_000);
            assertThat(publish(maintenance, "site/maintenance/reboot")).as("maintenance may write its own topic")
                    .isLessThan(FIRST_ERROR);
            assertThat(publish(device, "dealerpulse/counter/" + DEVICE)).isLessThan(FIRST_ERROR);

            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("dealerpulse/counter/" + DEVICE));
            // The device message was published after the maintenance one and has arrived: the broker
            // had every chance to deliver the maintenance message in order, and withheld it.
            assertThat(received).containsExactly("dealerpulse/counter/" + DEVICE);
            assertThat(publish(agent, "dealerpulse/counter/" + DEVICE)).as("the agent publishes nothing")
                    .isEqualTo(NOT_AUTHORIZED);
        } finally {
            close(maintenance);
            close(device);
            close(agent);
        }
    }

    @Test
    void theAgentRefusesABrokerCertificateForAnotherHostNameOrFromAnotherCa() throws Exception {
        TestCertificates otherHost = TestCertificates.generate(dir.resolve("other-host"), "DNS:not-this-broker.example");
        TestCertificates otherCa = TestCertificates.generate(dir.resolve("other-ca"), "DNS:localhost");
        try (MosquittoEndpoint wrongName = MosquittoOptions.builder()
                .baseConfig(SHIPPED_CONF)
                .user("agent", AGENT_PASSWORD)
                .acl(Files.readString(SHIPPED_ACL))
                .tls(otherHost.caPem(), otherHost.certificatePem(), otherHost.privateKeyPem())
                .start()) {
            assertThatThrownBy(() -> connect(agentSettings(tlsUri(wrongName), otherHost.caFile(), "agent",
                    AGENT_PASSWORD))).as("certificate of a trusted CA, but for another host name")
                    .hasRootCauseInstanceOf(java.security.cert.CertificateException.class)
                    .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof SSLHandshakeException));
        }
        assertThatThrownBy(() -> connect(agentSettings(tlsUri(broker), otherCa.caFile(), "agent", AGENT_PASSWORD)))
                .as("the right host name, signed by a CA the agent does not trust")
                .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof SSLHandshakeException));
        close(connect(agentSettings(tlsUri(broker), certificates.caFile(), "agent", AGENT_PASSWORD)));
    }

    static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** Records the topic of every message that arrives. */
    record TopicRecorder(List<String> topics) implements org.eclipse.paho.mqttv5.client.MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            topics.add(topic);
        }

        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
