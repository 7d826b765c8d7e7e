package io.dealerpulse.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's whole configuration, typed and validated. Built by {@link AgentConfigLoader} from
 * {@code agent.yaml}; every key, its default and its meaning are listed in {@code docs/edge-agent.md}.
 */
public record AgentConfig(
        String siteId,
        String agentId,
        Mqtt mqtt,
        Kafka kafka,
        Outbox outbox,
        Quarantine quarantine,
        Validation validation,
        Privacy privacy,
        Status status,
        List<Device> devices) {

    /**
     * Site broker connection. {@code persistenceDir} empty = Paho keeps its in-flight state in memory.
     * {@code tlsCaFile}: the PEM CA that signed the site broker's certificate, for an {@code ssl://}
     * broker (empty = the JVM's default trust store); the host name is always verified.
     */
    public record Mqtt(
            String brokerUri,
            String clientId,
            Optional<String> username,
            Optional<String> password,
            Duration sessionExpiry,
            Optional<Path> persistenceDir,
            int receiveMaximum,
            Duration reconnectMinDelay,
            Duration reconnectMaxDelay,
            Map<String, String> sslProperties,
            List<Subscription> subscriptions,
            Optional<Path> tlsCaFile) {

        /** Without a TLS CA file (plain MQTT, or TLS trusted through the JVM or {@code sslProperties}). */
        public Mqtt(String brokerUri, String clientId, Optional<String> username, Optional<String> password,
                Duration sessionExpiry, Optional<Path> persistenceDir, int receiveMaximum, Duration reconnectMinDelay,
                Duration reconnectMaxDelay, Map<String, String> sslProperties, List<Subscription> subscriptions) {
            this(brokerUri, clientId, username, password, sessionExpiry, persistenceDir, receiveMaximum,
                    reconnectMinDelay, reconnectMaxDelay, sslProperties, subscriptions, Optional.empty());
        }

        @Override
        public String toString() {
            return "Mqtt[" + brokerUri + " as " + username.orElse("(anonymous)") + ", password "
                    + (password.isPresent() ? "hidden" : "none") + "]";
        }
    }

    /** One MQTT topic filter and the device format ({@code DeviceDecoder.format()}) of its messages. */
    public record Subscription(String topicFilter, String format) {}

    /**
     * Central Kafka. {@code clientProperties} carry TLS/SASL settings (secret values resolved).
     * {@code signingKey}: the site key that signs every record (see
     * {@link io.dealerpulse.schemas.signing.RecordSigner}); empty = records go unsigned.
     */
    public record Kafka(
            String bootstrapServers,
            Map<String, String> clientProperties,
            Topics topics,
            boolean createTopics,
            short replicationFactor,
            Duration deliveryTimeout,
            Duration requestTimeout,
            Duration maxBlock,
            long bufferMemory,
            Duration linger,
            int sendBatch,
            Duration retryBackoffMax,
            Optional<String> signingKey) {

        /** Unsigned records (the demo and tests that do not check signatures). */
        public Kafka(String bootstrapServers, Map<String, String> clientProperties, Topics topics, boolean createTopics,
                short replicationFactor, Duration deliveryTimeout, Duration requestTimeout, Duration maxBlock,
                long bufferMemory, Duration linger, int sendBatch, Duration retryBackoffMax) {
            this(bootstrapServers, clientProperties, topics, createTopics, replicationFactor, deliveryTimeout,
                    requestTimeout, maxBlock, bufferMemory, linger, sendBatch, retryBackoffMax, Optional.empty());
        }

        /** Setting names only: their values may be passwords ({@code sasl.jaas.config}). */
        @Override
        public String toString() {
            return "Kafka[" + bootstrapServers + ", settings " + new java.util.TreeSet<>(clientProperties.keySet())
                    + ", signing " + (signingKey.isPresent() ? "on (key hidden)" : "off") + "]";
        }
    }

    public record Topics(String footfall, String kiosk, String deadLetter, String agentStatus) {}

    /** Durable outbox: where, how big, how durable each group commit is. */
    public record Outbox(
            Path path,
            long maxEntries,
            long maxBytes,
            SyncMode sync,
            int commitBatch,
            Duration commitLinger) {}

    /** What a group commit waits for before it returns (and MQTT messages are acknowledged). */
    public enum SyncMode {
        /** SQLite {@code synchronous=FULL}: the WAL is fsynced at every commit (survives a power cut). */
        FULL,
        /** SQLite {@code synchronous=NORMAL}: survives a process crash; a power cut may lose the last commits. */
        NORMAL
    }

    public record Quarantine(Path dir, int maxFiles, long maxBytes) {}

    public record Validation(Duration maxClockAhead, Duration maxEventAge, int maxCount) {}

    /** HMAC keys (resolved secrets): per-site for badges, network-wide for appointment references. */
    public record Privacy(String siteKey, String networkKey) {
        @Override
        public String toString() {
            return "Privacy[keys hidden]";
        }
    }

    /** Heartbeat period and the local HTTP endpoint ({@code httpPort} 0 = a free port, -1 = off). */
    public record Status(Duration heartbeatInterval, String httpBind, int httpPort) {}

    /** A device of the site: its id as the decoder sees it, its format, and its counting lines. */
    public record Device(String id, String format, List<Line> lines) {
        public Optional<Line> line(String lineId) {
            return lines.stream().filter(l -> l.id().equals(lineId)).findFirst();
        }
    }

    /** A counting line; {@code direction} maps single-direction lines (AXIS scenarios) to IN/OUT. */
    public record Line(String id, Optional<String> direction, boolean receptionDoor) {}

    public Optional<Device> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
