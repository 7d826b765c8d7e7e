package io.dealerpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * A connected Paho MQTT 5 client for tests: QoS 1 publishes that return the broker's PUBACK reason
 * code, and a queue of the text messages it receives. (The asynchronous client, because only its
 * tokens carry the reason code; the synchronous one swallows a refused publish.)
 */
final class MqttTestClient implements AutoCloseable {

  private static final long TIMEOUT_MS = 10_000;

  private final MqttAsyncClient client;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  private MqttTestClient(MqttAsyncClient client) {
    this.client = client;
  }

  static MqttConnectionOptions anonymous() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setConnectionTimeout(5);
    return options;
  }

  static MqttConnectionOptions as(String user, String password) {
    MqttConnectionOptions options = anonymous();
    options.setUserName(user);
    options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    return options;
  }

  static MqttTestClient connect(MosquittoEndpoint broker, String clientId, MqttConnectionOptions options)
      throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(broker.uri(), clientId, new MemoryPersistence());
    MqttTestClient testClient = new MqttTestClient(client);
    client.setCallback(new QueueingCallback(testClient.received));
    try {
      client.connect(options).waitForCompletion(TIMEOUT_MS);
    } catch (MqttException e) {
      client.close();
      throw e;
    }
    return testClient;
  }

  void subscribe(String topicFilter) throws MqttException {
    client.subscribe(topicFilter, 1).waitForCompletion(TIMEOUT_MS);
  }

  /** Publishes at QoS 1 and returns the PUBACK reason code (0x80 and above: refused). */
  int publish(String topic, String text) throws MqttException {
    IMqttToken token = client.publish(topic, text.getBytes(StandardCharsets.UTF_8), 1, false);
    token.waitForCompletion(TIMEOUT_MS);
    return token.getReasonCodes()[0];
  }

  /** The next message received, waiting up to 10 s. */
  String next() throws InterruptedException {
    String message = received.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    assertThat(message).as("a message within %d ms", TIMEOUT_MS).isNotNull();
    return message;
  }

  boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(TIMEOUT_MS);
    }
    client.close();
  }

  /** Puts every message that arrives into a queue, as UTF-8 text. */
  private static final class QueueingCallback implements MqttCallback {

    private final BlockingQueue<String> received;

    QueueingCallback(BlockingQueue<String> received) {
      this.received = received;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
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
  }
}
