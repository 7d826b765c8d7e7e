package io.dealerpulse.reliability.harness;

import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.MosquittoEndpoint;
import io.dealerpulse.testkit.MosquittoOptions;
import io.dealerpulse.testkit.local.process.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * One site under test: its own mosquitto started from the shipped {@code edge-agent/config/mosquitto.conf}
 * (agent and device users; persistence on or off), its devices, and the agent configuration; on the
 * shared Kafka, told apart from other tests by the site id (the records' key).
 */
public final class ReliabilitySite implements AutoCloseable {
    public static final Path SHIPPED_MOSQUITTO_CONF = Path.of("..", "edge-agent", "config", "mosquitto.conf");
    static final String DEVICE_USER = "device";
    static final String DEVICE_PASSWORD = "device-password";

    public final String siteId;
    public final KafkaEndpoint kafka;
    public final MosquittoEndpoint broker;
    public final SiteDevices devices;
    public final Path dataDir;
    public final int httpPort = FreePorts.pick();
    private Path outbox;
    private String deliveryTimeout = "3s";
    private final Set<String> startedLogs = new HashSet<>();
    private java.util.function.UnaryOperator<String> yamlEdit = java.util.function.UnaryOperator.identity();

    public ReliabilitySite(String siteId, KafkaEndpoint kafka, Path dataDir, boolean brokerPersistence)
            throws Exception {
        if (!Files.isRegularFile(SHIPPED_MOSQUITTO_CONF)) {
            throw new IllegalStateException("the shipped broker config " + SHIPPED_MOSQUITTO_CONF.toAbsolutePath()
                    + " is missing: run the suite from the reliability module's directory (./mvnw -pl reliability ...)");
        }
        this.siteId = siteId;
        this.kafka = kafka;
        this.dataDir = dataDir;
        this.outbox = dataDir.resolve("outbox.db");
        this.broker = MosquittoOptions.builder()
                .baseConfig(SHIPPED_MOSQUITTO_CONF)
                .persistence(brokerPersistence)
                .user(AgentYaml.AGENT_USER, AgentYaml.AGENT_PASSWORD)
                .user(DEVICE_USER, DEVICE_PASSWORD)
                .start();
        this.devices = new SiteDevices(siteId, broker.uri(), DEVICE_USER, DEVICE_PASSWORD);
    }

    /** Puts the outbox file somewhere else (the disk-full test's small filesystem). */
    public ReliabilitySite outboxAt(Path file) {
        this.outbox = file;
        return this;
    }

    public ReliabilitySite deliveryTimeout(String duration) {
        this.deliveryTimeout = duration;
        return this;
    }

    /** Changes the rendered agent.yaml before each start (e.g. Kafka security settings). */
    public ReliabilitySite editAgentYaml(java.util.function.UnaryOperator<String> edit) {
        this.yamlEdit = edit;
        return this;
    }

    public Path outbox() {
        return outbox;
    }

    /** Writes the agent.yaml and starts the agent as a child JVM (not yet waiting for it to be healthy). */
    public AgentChild startAgent(String logName) throws IOException {
        Path config = dataDir.resolve("agent.yaml");
        Files.createDirectories(dataDir);
        Files.writeString(config, yamlEdit.apply(AgentYaml.render(siteId, broker.uri(), kafka.bootstrapServers(), outbox,
                dataDir.resolve("quarantine"), httpPort, deliveryTimeout)));
        Path log = AgentChild.logFile(logName);
        if (startedLogs.add(logName)) {
            Files.deleteIfExists(log);   // one log per test run; the agent's restarts within it append
        }
        return AgentChild.start(config, httpPort, log);
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
