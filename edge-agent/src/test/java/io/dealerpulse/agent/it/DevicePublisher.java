package io.dealerpulse.agent.it;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Plays the site's devices: publishes JSON at QoS 1 to the site broker as user "device". */
final class DevicePublisher implements AutoCloseable {
    static final String USER = "device";
    static final String PASSWORD = "device-password";
    private final MqttClient client;

    DevicePublisher(String brokerUri) throws MqttException {
        client = new MqttClient(brokerUri, "device-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(USER);
        options.setPassword(PASSWORD.getBytes(StandardCharsets.UTF_8));
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 1);
        options.setCleanStart(true);
        client.connect(options);
    }

    void publish(String topic, String json) throws MqttException {
        client.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
