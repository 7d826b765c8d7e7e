package io.dealerpulse.simulator.publish;

import io.dealerpulse.simulator.device.DeviceMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes device messages to an MQTT broker at QoS 1, as the devices do, with one connection per
 * site (the site's devices share its reception network). Thin on purpose: what is published is
 * decided by the pure renderers in {@code device}.
 */
public final class MqttDevicePublisher implements AutoCloseable {
    private final String brokerUri;
    private final Map<String, MqttClient> clients = new ConcurrentHashMap<>();

    public MqttDevicePublisher(String brokerUri) {
        this.brokerUri = brokerUri;
    }

    public void publish(DeviceMessage message) throws MqttException {
        MqttMessage mqtt = new MqttMessage(message.payload());
        mqtt.setQos(1);
        client(message.siteId()).publish(message.topic(), mqtt);
    }

    private MqttClient client(String siteId) throws MqttException {
        MqttClient client = clients.get(siteId);
        if (client == null) {
            client = new MqttClient(brokerUri, "sim-devices-" + siteId, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(true);
            options.setConnectionTimeout(10);
            client.connect(options);
            clients.put(siteId, client);
        }
        return client;
    }

    @Override
    public void close() {
        for (MqttClient client : clients.values()) {
            try {
                if (client.isConnected()) {
                    client.disconnect(2_000);
                }
                client.close(true);
            } catch (MqttException e) {
                // closing: nothing left to deliver
            }
        }
        clients.clear();
    }
}
