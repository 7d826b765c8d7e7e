package io.dealerpulse.agent.it;

import static org.awaitility.Awaitility.await;

import io.dealerpulse.agent.Agent;
import io.dealerpulse.agent.SiteFixture;
import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.MosquittoEndpoint;
import io.dealerpulse.testkit.MosquittoOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * One site for one integration test: its own mosquitto started from the shipped
 * {@code config/mosquitto.conf} (with an agent and a device user), its own site id and data directory,
 * on the shared Kafka. Each test's records are told apart by their key, the site id.
 */
final class SiteUnderTest implements AutoCloseable {
    static final Path SHIPPED_MOSQUITTO_CONF = Path.of("config", "mosquitto.conf");

    final String siteId;
    final KafkaEndpoint kafka;
    final MosquittoEndpoint broker;
    final Path dataDir;
    final DevicePublisher devices;
    private final String extraYaml;

    SiteUnderTest(String siteId, KafkaEndpoint kafka, Path dataDir, String extraYaml) throws Exception {
        this.siteId = siteId;
        this.kafka = kafka;
        this.dataDir = dataDir;
        this.extraYaml = extraYaml;
        this.broker = MosquittoOptions.builder()
                .baseConfig(SHIPPED_MOSQUITTO_CONF)
                .user("agent", SiteFixture.ENV.get("DP_MQTT_PASSWORD"))
                .user(DevicePublisher.USER, DevicePublisher.PASSWORD)
                .start();
        this.devices = new DevicePublisher(broker.uri());
    }

    Path configFile() {
        return SiteFixture.write(dataDir.resolve("agent.yaml"),
                SiteFixture.yaml(siteId, broker.uri(), kafka.bootstrapServers(), dataDir, extraYaml));
    }

    AgentConfig config() {
        return SiteFixture.load(configFile());
    }

    /** Starts an agent and returns once it is subscribed (before that, the broker would drop device messages). */
    Agent startAgent(Clock clock) throws Exception {
        Agent agent = Agent.start(config(), clock);
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.metrics().mqttConnected());
        return agent;
    }

    @Override
    public void close() throws Exception {
        try {
            devices.close();
        } finally {
            broker.close();
        }
    }
}
