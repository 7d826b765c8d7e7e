package io.dealerpulse.agent.mqtt;

import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.agent.decode.DeviceMessage;
import io.dealerpulse.agent.ingest.Acknowledger;
import io.dealerpulse.agent.ingest.ReceivedMessage;
import io.dealerpulse.agent.status.AgentMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.persist.MqttDefaultFilePersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site-broker side: an MQTT v5 persistent session (clean start off, session expiry > 0) at QoS 1
 * with manual acknowledgements. The callback only stamps the receive time and queues the message for
 * the {@link io.dealerpulse.agent.ingest.GroupCommitter}; it never waits for Kafka. The queue cannot
 * overflow: the broker sends at most {@code receive-maximum} unacknowledged messages.
 *
 * <p>Acks pending at a disconnect are dropped: packet ids restart on a new connection, so an old ack
 * could confirm a different message. The broker redelivers the unacknowledged ones on the new
 * connection; they map to the same event ids.
 *
 * <p>Reconnects: Paho's automatic reconnect with backoff once connected; the first connection is
 * retried here with the same backoff (Paho only reconnects after a first success). Subscriptions are
 * renewed on every connect, since a broker that lost its session (restarted without persistence)
 * would otherwise send nothing.
 */
public final class MqttIngest implements MqttCallback, Acknowledger, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttIngest.class);

    private final AgentConfig.Mqtt options;
    private final Clock clock;
    private final BlockingQueue<ReceivedMessage> queue;
    private final AgentMetrics metrics;
    private final TopicFilters filters;
    private final Object ackLock = new Object();
    private long generation;
    private MqttAsyncClient client;
    private Thread connector;
    private volatile boolean closed;

    public MqttIngest(AgentConfig.Mqtt options, Clock clock, BlockingQueue<ReceivedMessage> queue,
            AgentMetrics metrics) {
        this.options = options;
        this.clock = clock;
        this.queue = queue;
        this.metrics = metrics;
        this.filters = new TopicFilters(options.subscriptions());
    }

    public void start() throws MqttException {
        MqttClientPersistence persistence = options.persistenceDir()
                .<MqttClientPersistence>map(dir -> new MqttDefaultFilePersistence(dir.toAbsolutePath().toString()))
                .orElseGet(MemoryPersistence::new);
        client = new MqttAsyncClient(options.brokerUri(), options.clientId(), persistence);
        client.setManualAcks(true);
        client.setCallback(this);
        connector = new Thread(this::connectFirstTime, "mqtt-first-connect");
        connector.setDaemon(true);
        connector.start();
    }

    private MqttConnectionOptions connectionOptions() {
        return connectionOptions(options);
    }

    /** The agent's connection settings, also used by tests to check what the broker and TLS refuse. */
    static MqttConnectionOptions connectionOptions(AgentConfig.Mqtt options) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(options.sessionExpiry().toSeconds());
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay((int) options.reconnectMinDelay().toSeconds(),
                (int) options.reconnectMaxDelay().toSeconds());
        o.setReceiveMaximum(options.receiveMaximum());
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        options.username().ifPresent(o::setUserName);
        options.password().ifPresent(p -> o.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        // Always on (Paho's default too): a broker certificate for another host name is refused.
        o.setHttpsHostnameVerificationEnabled(true);
        options.tlsCaFile().ifPresent(ca -> o.setSocketFactory(SiteBrokerTls.trusting(ca)));
        if (!options.sslProperties().isEmpty()) {
            // Paho's names, e.g. com.ibm.ssl.trustStore, for an ssl:// broker with its own CA.
            java.util.Properties ssl = new java.util.Properties();
            ssl.putAll(options.sslProperties());
            o.setSSLProperties(ssl);
        }
        return o;
    }

    private void connectFirstTime() {
        Duration delay = options.reconnectMinDelay();
        while (!closed) {
            try {
                client.connect(connectionOptions()).waitForCompletion(15_000);
                return;
            } catch (MqttException e) {
                LOG.warn("Cannot connect to the site MQTT broker at {} ({}); retrying in {} s. Check that mosquitto"
                        + " is running and the agent's user name and password.", options.brokerUri(), e.getMessage(),
                        delay.toSeconds());
            }
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(options.reconnectMaxDelay()) > 0
                    ? options.reconnectMaxDelay() : delay.multipliedBy(2);
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        synchronized (ackLock) {
            generation++;
        }
        LOG.info("{} the site MQTT broker at {}; subscribing to {} topic filter(s).",
                reconnect ? "Reconnected to" : "Connected to", serverURI, options.subscriptions().size());
        MqttSubscription[] subscriptions = options.subscriptions().stream()
                .map(s -> new MqttSubscription(s.topicFilter(), 1)).toArray(MqttSubscription[]::new);
        try {
            // Asynchronous: this callback must not wait for the SUBACK. "Connected" (readiness) means subscribed.
            client.subscribe(subscriptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    metrics.mqttConnected(true);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    LOG.error("The site broker refused the agent's subscriptions ({}); check its ACL for the agent's"
                            + " user. Retrying at the next reconnection.", String.valueOf(error));
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            LOG.error("Could not subscribe to the device topics ({}); the agent will retry at the next"
                    + " reconnection. Check the broker's ACL for the agent's user.", e.getMessage());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        synchronized (ackLock) {
            generation++;
        }
        metrics.mqttConnected(false);
        if (!closed) {
            LOG.warn("Lost the connection to the site MQTT broker ({}); reconnecting automatically. Device"
                    + " messages wait in the broker meanwhile.", response.getReasonString() != null
                    ? response.getReasonString() : String.valueOf(response.getException()));
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
        long arrivedOn;
        synchronized (ackLock) {
            arrivedOn = generation;
        }
        metrics.messagesReceived.increment();
        // A topic no subscription claims (e.g. a broader filter left in the broker's session) still goes
        // through the committer with no format, so that PUBACKs keep the arrival order MQTT requires.
        String format = filters.formatOf(topic).orElse(null);
        DeviceMessage device = new DeviceMessage(topic, message.getPayload(), clock.instant());
        queue.put(new ReceivedMessage(device, format, message.getId(), message.getQos(), arrivedOn));
    }

    @Override
    public void acknowledge(ReceivedMessage message) {
        synchronized (ackLock) {
            if (message.generation() != generation || message.qos() == 0) {
                return;
            }
            try {
                client.messageArrivedComplete(message.mqttId(), message.qos());
            } catch (MqttException e) {
                LOG.debug("Ack of MQTT message {} not sent ({}); the broker will redeliver it.", message.mqttId(),
                        e.getMessage());
            }
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // The agent publishes nothing to the site broker.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // No enhanced authentication.
    }

    @Override
    public void close() {
        closed = true;
        if (connector != null) {
            connector.interrupt();
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT close: {}", e.getMessage());
        }
        metrics.mqttConnected(false);
    }
}
