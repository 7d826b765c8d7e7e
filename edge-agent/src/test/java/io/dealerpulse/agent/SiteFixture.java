package io.dealerpulse.agent;

import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.agent.config.AgentConfigLoader;
import io.dealerpulse.agent.config.InvalidConfigException;
import io.dealerpulse.agent.config.Secrets;
import io.dealerpulse.agent.decode.DecoderRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One test site shared by unit and integration tests: its devices (two AXIS scenarios, a Milesight
 * door, a generic counter, a kiosk), keys, and the YAML that configures an agent for it.
 */
public final class SiteFixture {
    public static final String SITE = "FR-PARIS-01";
    public static final String AXIS_PREFIX = "axis/ACCC8E123456";
    public static final String AXIS_IN = "Device1Scenario1";
    public static final String AXIS_OUT = "Device1Scenario2";
    public static final String MILESIGHT_SN = "6600A1B2C3D40001";
    public static final String MILESIGHT_LINE = "0f6f3d2e-1111-4c4c-9a9a-222233334444";
    public static final String GENERIC_COUNTER = "door-2";
    public static final String KIOSK = "kiosk-1";
    public static final Map<String, String> ENV = Map.of(
            "DP_SITE_KEY", "site-secret-for-tests",
            "DP_NETWORK_KEY", "network-secret-for-tests",
            "DP_MQTT_PASSWORD", "agent-password");

    private SiteFixture() {}

    /** The agent.yaml of the test site; {@code extra} is appended (top-level keys only). */
    public static String yaml(String brokerUri, String kafka, Path dataDir, String extra) {
        return yaml(SITE, brokerUri, kafka, dataDir, extra);
    }

    /** The agent.yaml of a site with the fixture's devices; each integration test uses its own site id. */
    public static String yaml(String siteId, String brokerUri, String kafka, Path dataDir, String extra) {
        return """
                site-id: %s
                agent-id: test-agent
                mqtt:
                  broker-uri: %s
                  client-id: dealerpulse-agent-%s
                  username: agent
                  password: env:DP_MQTT_PASSWORD
                  reconnect-min-delay: 1s
                  reconnect-max-delay: 2s
                  subscriptions:
                    - topic: axis/+/event/#
                      format: axis-object-analytics
                    - topic: dealer/+/door/+
                      format: milesight-vs12x
                    - topic: dealerpulse/counter/+
                      format: generic-counter
                    - topic: dealerpulse/kiosk/+
                      format: generic-kiosk
                kafka:
                  bootstrap-servers: %s
                  create-topics: true
                  replication-factor: 1
                  request-timeout: 2s
                  delivery-timeout: 3s
                  max-block: 1s
                  linger: 5ms
                  retry-backoff-max: 1s
                outbox:
                  path: %s
                quarantine:
                  dir: %s
                privacy:
                  site-key: env:DP_SITE_KEY
                  network-key: env:DP_NETWORK_KEY
                status:
                  heartbeat-interval: 1s
                  http-port: 0
                devices:
                  - id: %s
                    format: axis-object-analytics
                    lines:
                      - {id: %s, direction: IN, reception-door: true}
                      - {id: %s, direction: OUT, reception-door: true}
                  - id: %s
                    format: milesight-vs12x
                    lines:
                      - {id: %s, reception-door: true}
                  - id: %s
                    format: generic-counter
                    lines:
                      - {id: main, reception-door: true}
                  - id: %s
                    format: generic-kiosk
                """.formatted(siteId, brokerUri, siteId, kafka, dataDir.resolve("outbox.db"), dataDir.resolve("quarantine"),
                AXIS_PREFIX, AXIS_IN, AXIS_OUT, MILESIGHT_SN, MILESIGHT_LINE, GENERIC_COUNTER, KIOSK) + extra;
    }

    public static Path write(Path file, String yaml) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AgentConfig config(String brokerUri, String kafka, Path dataDir) {
        return load(write(dataDir.resolve("agent.yaml"), yaml(brokerUri, kafka, dataDir, "")));
    }

    public static AgentConfig load(Path file) {
        try {
            return new AgentConfigLoader(new Secrets(ENV), DecoderRegistry.load().formats()).load(file);
        } catch (InvalidConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
