package io.dealerpulse.bench.agent;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The baseline: the least a bridge can do. A Paho v5 subscriber at QoS 1 (same receive maximum as
 * the agent) hands every payload as-is to a {@code KafkaProducer} with {@code acks=all}; Paho
 * acknowledges MQTT as soon as the callback returns. No outbox, no decoding, no validation - and so
 * no durability: what is in the producer's buffer is lost in a crash.
 */
final class BareBridge implements AutoCloseable {
    private final MqttAsyncClient client;
    private final KafkaProducer<byte[], byte[]> producer;

    BareBridge(String clientId, String brokerUri, String user, String password, int receiveMaximum,
            Properties producerProperties, String kafkaTopic, String mqttFilter) throws MqttException {
        Properties props = new Properties();
        props.putAll(producerProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(props);
        this.client = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                producer.send(new ProducerRecord<>(kafkaTopic, topic.getBytes(StandardCharsets.UTF_8),
                        message.getPayload()));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        // Like the agent: a persistent session, so the broker queues while the bridge is away.
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setReceiveMaximum(receiveMaximum);
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(mqttFilter, 1).waitForCompletion(10_000);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close();
        producer.close();
    }
}
