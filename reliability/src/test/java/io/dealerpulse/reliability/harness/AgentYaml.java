package io.dealerpulse.reliability.harness;

import java.nio.file.Path;

/**
 * The {@code agent.yaml} of a test site: one AXIS camera (an IN and an OUT reception-door scenario) and
 * one kiosk. Adapted from edge-agent's test {@code SiteFixture} (test code of another module, so not on
 * this classpath): same device ids and keys, fewer devices, and a fixed status port so that a separate
 * agent process can be asked for {@code /health}.
 */
public final class AgentYaml {
    public static final String AXIS_PREFIX = "axis/ACCC8E123456";
    public static final String AXIS_IN = "Device1Scenario1";
    public static final String AXIS_OUT = "Device1Scenario2";
    public static final String KIOSK = "kiosk-1";
    public static final String AGENT_USER = "agent";
    public static final String AGENT_PASSWORD = "agent-password";

    private AgentYaml() {}

    /**
     * @param deliveryTimeout the producer's {@code delivery.timeout.ms}: short, so that outages in the tests
     *                        outlast it, as a long outage outlasts the 2 min default in production
     */
    public static String render(String siteId, String brokerUri, String kafka, Path outbox, Path quarantine,
            int httpPort, String deliveryTimeout) {
        return """
                site-id: %s
                agent-id: reliability-agent
                mqtt:
                  broker-uri: %s
                  client-id: dealerpulse-agent-%s
                  username: %s
                  password: env:DP_MQTT_PASSWORD
                  reconnect-min-delay: 1s
                  reconnect-max-delay: 2s
                  subscriptions:
                    - topic: axis/+/event/#
                      format: axis-object-analytics
                    - topic: dealerpulse/kiosk/+
                      format: generic-kiosk
                kafka:
                  bootstrap-servers: %s
                  create-topics: true
                  replication-factor: 1
                  request-timeout: 2s
                  delivery-timeout: %s
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
                  http-port: %d
                devices:
                  - id: %s
                    format: axis-object-analytics
                    lines:
                      - {id: %s, direction: IN, reception-door: true}
                      - {id: %s, direction: OUT, reception-door: true}
                  - id: %s
                    format: generic-kiosk
                """.formatted(siteId, brokerUri, siteId, AGENT_USER, kafka, deliveryTimeout, outbox, quarantine,
                httpPort, AXIS_PREFIX, AXIS_IN, AXIS_OUT, KIOSK);
    }
}
