package io.dealerpulse.reliability.harness;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A device that publishes exactly the payloads a test gives it (QoS 1, waiting for each PUBACK), on
 * the site broker of a {@link ReliabilitySite}, with the suite's device credentials.
 */
public final class RawDevice implements AutoCloseable {
    private final MqttClient client;

    public RawDevice(ReliabilitySite site) throws MqttException {
        client = new MqttClient(site.broker.uri(), "raw-device-" + UUID.randomUUID(), new MemoryPersistence());
        client.setTimeToWait(10_000);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(ReliabilitySite.DEVICE_USER);
        options.setPassword(ReliabilitySite.DEVICE_PASSWORD.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setConnectionTimeout(5);
        client.connect(options);
    }

    public void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** The topic of the site's AXIS camera scenario (see {@link AgentYaml}). */
    public static String axisTopic(String scenario) {
        return SiteDevices.axisTopic(scenario);
    }

    /** An AXIS crossline message: a cumulative {@code totalHuman} at {@code crossing}. */
    public static String axis(java.time.Instant crossing, long totalHuman) {
        return SiteDevices.axis(crossing, totalHuman);
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect();
        } finally {
            client.close();
        }
    }
}
