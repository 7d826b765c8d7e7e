package io.dealerpulse.agent.config;

import io.dealerpulse.schemas.topics.Topic;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads {@code agent.yaml} into an {@link AgentConfig}, or fails listing every problem. */
public final class AgentConfigLoader {
    private static final String SITE_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final Secrets secrets;
    private final Set<String> knownFormats;

    /** @param knownFormats the device formats the installed decoders handle */
    public AgentConfigLoader(Secrets secrets, Set<String> knownFormats) {
        this.secrets = secrets;
        this.knownFormats = Set.copyOf(knownFormats);
    }

    public AgentConfig load(Path file) throws InvalidConfigException {
        Map<String, Object> root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (!(parsed instanceof Map)) {
                throw new InvalidConfigException(List.of(new ConfigProblem("(file)",
                        file + " is empty or not a YAML mapping: start from config/agent.example.yaml")));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) parsed;
            root = map;
        } catch (IOException e) {
            throw new InvalidConfigException(List.of(new ConfigProblem("(file)",
                    "cannot read " + file + " (" + e.getMessage() + "): check the --config path and permissions")));
        } catch (YAMLException e) {
            throw new InvalidConfigException(List.of(new ConfigProblem("(file)",
                    "not valid YAML: " + e.getMessage().replace('\n', ' '))));
        }
        return read(root);
    }

    AgentConfig read(Map<String, Object> root) throws InvalidConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigReader r = new ConfigReader("", root, problems);

        String siteId = r.requiredString("site-id", "the site's id in the DealerPulse network, e.g. FR-PARIS-01");
        if (!siteId.isEmpty() && !siteId.matches(SITE_ID_PATTERN)) {
            r.problem("site-id", "use letters, digits, '.', '_' or '-' (at most 64), got '" + siteId + "'");
        }
        String agentId = r.string("agent-id", hostName());

        AgentConfig.Mqtt mqtt = mqtt(r.section("mqtt"), siteId);
        AgentConfig.Kafka kafka = kafka(r.section("kafka"));
        AgentConfig.Outbox outbox = outbox(r.section("outbox"));
        AgentConfig.Quarantine quarantine = quarantine(r.section("quarantine"));
        AgentConfig.Validation validation = validation(r.section("validation"));
        AgentConfig.Privacy privacy = privacy(r.section("privacy"));
        AgentConfig.Status status = status(r.section("status"));
        List<AgentConfig.Device> devices = devices(r);
        r.rejectUnknownKeys();

        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new AgentConfig(siteId, agentId, mqtt, kafka, outbox, quarantine, validation, privacy, status, devices);
    }

    private AgentConfig.Mqtt mqtt(ConfigReader r, String siteId) {
        String uri = r.requiredString("broker-uri", "the site broker's address, e.g. tcp://127.0.0.1:1883 or"
                + " ssl://broker.local:8883");
        if (!uri.isEmpty() && !uri.matches("(tcp|ssl|ws|wss)://.+")) {
            r.problem("broker-uri", "must start with tcp://, ssl://, ws:// or wss://, got '" + uri + "'");
        }
        String clientId = r.string("client-id", "dealerpulse-agent-" + siteId);
        Optional<String> username = Optional.ofNullable(r.string("username", null));
        Optional<String> password = secret(r, "password", false);
        Duration sessionExpiry = r.duration("session-expiry", Duration.ofDays(7), Duration.ofMinutes(1));
        String dir = r.string("persistence-dir", "");
        Optional<Path> persistenceDir = dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir));
        int receiveMaximum = r.integer("receive-maximum", 1000, 1, 65535);
        Duration minDelay = r.duration("reconnect-min-delay", Duration.ofSeconds(1), Duration.ofSeconds(1));
        Duration maxDelay = r.duration("reconnect-max-delay", Duration.ofSeconds(60), Duration.ofSeconds(1));
        Map<String, String> sslProperties = r.stringMap("ssl-properties");
        String caFile = r.string("tls-ca-file", "");
        Optional<Path> tlsCaFile = caFile.isEmpty() ? Optional.empty() : Optional.of(Path.of(caFile));
        if (tlsCaFile.isPresent() && !uri.startsWith("ssl://") && !uri.startsWith("wss://")) {
            r.problem("tls-ca-file", "is set but broker-uri '" + uri + "' is not TLS: use ssl://host:8883");
        } else if (tlsCaFile.isPresent() && !java.nio.file.Files.isReadable(tlsCaFile.get())) {
            r.problem("tls-ca-file", "cannot read " + caFile + ": copy the site broker's CA certificate (PEM) there"
                    + " and let the agent's service account read it");
        }
        List<AgentConfig.Subscription> subscriptions = new ArrayList<>();
        for (ConfigReader s : r.list("subscriptions")) {
            String filter = s.requiredString("topic", "an MQTT topic filter, e.g. axis/+/event/#");
            String format = s.requiredString("format", "one of " + knownFormats);
            if (!format.isEmpty() && !knownFormats.contains(format)) {
                s.problem("format", "unknown device format '" + format + "': use one of " + knownFormats);
            }
            s.rejectUnknownKeys();
            subscriptions.add(new AgentConfig.Subscription(filter, format));
        }
        if (subscriptions.isEmpty()) {
            r.problem("subscriptions", "missing: list at least one {topic, format} the agent subscribes to");
        }
        r.rejectUnknownKeys();
        return new AgentConfig.Mqtt(uri, clientId, username, password, sessionExpiry, persistenceDir, receiveMaximum,
                minDelay, maxDelay, Map.copyOf(sslProperties), subscriptions, tlsCaFile);
    }

    private AgentConfig.Kafka kafka(ConfigReader r) {
        String bootstrap = r.requiredString("bootstrap-servers", "the central Kafka's host:port list");
        Map<String, String> properties = new LinkedHashMap<>(r.stringMap("properties"));
        for (String name : properties.keySet()) {
            if (name.equals("sasl.jaas.config") || name.contains("password") || name.endsWith(".key")) {
                r.problem("properties." + name, "holds a secret: move it to kafka.secret-properties as"
                        + " env:VARIABLE_NAME or file:/path/to/secret");
            }
        }
        ConfigReader secretSection = r.section("secret-properties");
        for (String name : r.stringMap("secret-properties").keySet()) {
            secret(secretSection, name, true).ifPresent(v -> properties.put(name, v));
        }
        Optional<String> signingKey = secret(r, "signing-key", false);
        signingKey.filter(k -> k.getBytes(StandardCharsets.UTF_8).length < 16).ifPresent(k -> r.problem("signing-key",
                "the key is too short: use at least 16 random characters (e.g. openssl rand -hex 32)"));
        ConfigReader t = r.section("topics");
        AgentConfig.Topics topics = new AgentConfig.Topics(
                t.string("footfall", Topic.FOOTFALL.topicName()),
                t.string("kiosk", Topic.KIOSK.topicName()),
                t.string("dead-letter", Topic.DEAD_LETTER.topicName()),
                t.string("agent-status", Topic.AGENT_STATUS.topicName()));
        t.rejectUnknownKeys();
        boolean createTopics = r.bool("create-topics", false);
        short replication = (short) r.integer("replication-factor", 3, 1, 10);
        Duration requestTimeout = r.duration("request-timeout", Duration.ofSeconds(30), Duration.ofMillis(500));
        Duration linger = r.duration("linger", Duration.ofMillis(20), Duration.ZERO);
        Duration deliveryTimeout = r.duration("delivery-timeout", Duration.ofMinutes(2), Duration.ofSeconds(1));
        if (deliveryTimeout.compareTo(requestTimeout.plus(linger)) < 0) {
            r.problem("delivery-timeout", "must be at least request-timeout + linger (Kafka's rule), got "
                    + deliveryTimeout + " < " + requestTimeout.plus(linger));
        }
        Duration maxBlock = r.duration("max-block", Duration.ofSeconds(5), Duration.ofMillis(100));
        long bufferMemory = r.bytes("buffer-memory", 4L * 1024 * 1024, 64 * 1024);
        int sendBatch = r.integer("send-batch", 500, 1, 100_000);
        Duration backoff = r.duration("retry-backoff-max", Duration.ofSeconds(30), Duration.ofMillis(100));
        r.rejectUnknownKeys();
        return new AgentConfig.Kafka(bootstrap, Map.copyOf(properties), topics, createTopics, replication,
                deliveryTimeout, requestTimeout, maxBlock, bufferMemory, linger, sendBatch, backoff, signingKey);
    }

    private static AgentConfig.Outbox outbox(ConfigReader r) {
        String path = r.requiredString("path", "a file on local disk for the outbox, e.g."
                + " /var/lib/dealerpulse/outbox.db or C:\\ProgramData\\DealerPulse\\outbox.db");
        long maxEntries = r.longValue("max-entries", 2_000_000, 1, Long.MAX_VALUE);
        long maxBytes = r.bytes("max-bytes", 1024L * 1024 * 1024, 1024 * 1024);
        AgentConfig.SyncMode sync = r.enumValue("sync", AgentConfig.SyncMode.class, AgentConfig.SyncMode.FULL);
        int commitBatch = r.integer("commit-batch", 500, 1, 10_000);
        Duration linger = r.duration("commit-linger", Duration.ofMillis(20), Duration.ZERO);
        if (maxEntries < 10L * commitBatch) {
            // A group commit must always fit into an empty outbox, or the agent would wait forever.
            r.problem("max-entries", "must be at least 10 x commit-batch (" + 10L * commitBatch + "), got " + maxEntries);
        }
        r.rejectUnknownKeys();
        return new AgentConfig.Outbox(Path.of(path.isEmpty() ? "outbox.db" : path), maxEntries, maxBytes, sync,
                commitBatch, linger);
    }

    private static AgentConfig.Quarantine quarantine(ConfigReader r) {
        String dir = r.requiredString("dir", "a local directory for rejected kiosk payloads, e.g."
                + " /var/lib/dealerpulse/quarantine");
        int maxFiles = r.integer("max-files", 1000, 1, 1_000_000);
        long maxBytes = r.bytes("max-bytes", 50L * 1024 * 1024, 1024);
        r.rejectUnknownKeys();
        return new AgentConfig.Quarantine(Path.of(dir.isEmpty() ? "quarantine" : dir), maxFiles, maxBytes);
    }

    private static AgentConfig.Validation validation(ConfigReader r) {
        Duration ahead = r.duration("max-clock-ahead", Duration.ofMinutes(5), Duration.ZERO);
        Duration age = r.duration("max-event-age", Duration.ofDays(7), Duration.ofMinutes(1));
        int maxCount = r.integer("max-count", 1000, 1, 1_000_000);
        r.rejectUnknownKeys();
        return new AgentConfig.Validation(ahead, age, maxCount);
    }

    private AgentConfig.Privacy privacy(ConfigReader r) {
        String siteKey = key(r, "site-key");
        String networkKey = key(r, "network-key");
        r.rejectUnknownKeys();
        return new AgentConfig.Privacy(siteKey, networkKey);
    }

    private static AgentConfig.Status status(ConfigReader r) {
        Duration heartbeat = r.duration("heartbeat-interval", Duration.ofSeconds(30), Duration.ofMillis(100));
        String bind = r.string("http-bind", "127.0.0.1");
        int port = r.integer("http-port", 9464, -1, 65535);
        r.rejectUnknownKeys();
        return new AgentConfig.Status(heartbeat, bind, port);
    }

    private List<AgentConfig.Device> devices(ConfigReader root) {
        List<AgentConfig.Device> devices = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigReader d : root.list("devices")) {
            String id = d.requiredString("id", "the device's id: AXIS topic prefix, Milesight device_sn, kiosk id");
            String format = d.requiredString("format", "one of " + knownFormats);
            if (!format.isEmpty() && !knownFormats.contains(format)) {
                d.problem("format", "unknown device format '" + format + "': use one of " + knownFormats);
            }
            if (!id.isEmpty() && !ids.add(id)) {
                d.problem("id", "device '" + id + "' is listed twice: keep one entry");
            }
            List<AgentConfig.Line> lines = new ArrayList<>();
            for (ConfigReader l : d.list("lines")) {
                String lineId = l.requiredString("id", "the counting line: AXIS scenario (e.g. Device1Scenario1),"
                        + " Milesight line_uuid, or generic line id");
                String direction = l.string("direction", null);
                if (direction != null && !direction.equals("IN") && !direction.equals("OUT")) {
                    l.problem("direction", "must be IN or OUT, got '" + direction + "'");
                }
                boolean door = l.bool("reception-door", false);
                l.rejectUnknownKeys();
                lines.add(new AgentConfig.Line(lineId, Optional.ofNullable(direction), door));
            }
            d.rejectUnknownKeys();
            devices.add(new AgentConfig.Device(id, format, List.copyOf(lines)));
        }
        if (devices.isEmpty()) {
            root.problem("devices", "missing: list the site's counters and kiosks (id, format, lines)");
        }
        return List.copyOf(devices);
    }

    /** A pseudonymisation key: at least 16 bytes, so that pseudonyms cannot be brute-forced from the key side. */
    private String key(ConfigReader r, String name) {
        String value = secret(r, name, true).orElse("");
        if (!value.isEmpty() && value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 16) {
            r.problem(name, "the key is too short: use at least 16 random characters (e.g. openssl rand -hex 32)");
        }
        return value;
    }

    private Optional<String> secret(ConfigReader r, String name, boolean required) {
        String reference = r.string(name, null);
        if (reference == null || reference.isEmpty()) {
            if (required) {
                r.problem(name, "missing: give env:VARIABLE_NAME or file:/path/to/secret");
            }
            return Optional.empty();
        }
        Secrets.Result result = secrets.resolve(reference);
        if (result.problem() != null) {
            r.problem(name, result.problem());
        }
        return result.value();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "edge-agent";
        }
    }
}
