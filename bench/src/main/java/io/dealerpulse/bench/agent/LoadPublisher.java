package io.dealerpulse.bench.agent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A device publishing generic-counter reports at QoS 1 as fast as the broker acknowledges them,
 * with up to {@link #WINDOW} publishes in flight. Each report counts one person (one event) in its
 * own one-minute interval, all within the last week so the agent's clock rule accepts them.
 */
final class LoadPublisher {
    static final String DEVICE = "door-2";
    private static final int WINDOW = 200;

    private LoadPublisher() {}

    static byte[] report(String siteId, Instant intervalStart) {
        return report(siteId, "main", intervalStart);
    }

    /** A report of another line: lines missing from the device list are forwarded (not a reception door). */
    static byte[] report(String siteId, String lineId, Instant intervalStart) {
        return ("{\"site_id\":\"" + siteId + "\",\"device_id\":\"" + DEVICE + "\",\"line_id\":\"" + lineId + "\","
                + "\"interval_start\":\"" + intervalStart + "\",\"interval_end\":\"" + intervalStart.plusSeconds(60)
                + "\",\"in\":1,\"out\":0}").getBytes(StandardCharsets.UTF_8);
    }

    /** Publishes one report of {@code lineId} for the current minute and waits for its PUBACK. */
    static void publishLine(String brokerUri, String user, String password, String topic, String siteId,
            String lineId) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUri, "bench-live-" + System.nanoTime(),
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        client.connect(options).waitForCompletion(10_000);
        try {
            client.publish(topic, report(siteId, lineId, Instant.now().minusSeconds(60)), 1, false)
                    .waitForCompletion(10_000);
        } finally {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }

    /** Publishes {@code count} reports; returns the nanoTime the last PUBACK arrived. */
    static long publish(String brokerUri, String user, String password, String topic, String siteId, int count)
            throws MqttException, InterruptedException {
        return publish(brokerUri, user, password, topic, siteId, 0, count);
    }

    /** Publishes reports {@code first .. first + count - 1} (each its own interval). */
    static long publish(String brokerUri, String user, String password, String topic, String siteId, int first,
            int count) throws MqttException, InterruptedException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUri, "bench-publisher-" + System.nanoTime(),
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        Instant base = Instant.now().minusSeconds(86_400 * 5);
        Deque<IMqttToken> inFlight = new ArrayDeque<>();
        try {
            for (int i = first; i < first + count; i++) {
                if (inFlight.size() >= WINDOW) {
                    inFlight.removeFirst().waitForCompletion(30_000);
                }
                byte[] payload = report(siteId, base.plusSeconds(60L * i));
                while (true) {
                    try {
                        inFlight.addLast(client.publish(topic, payload, 1, false));
                        break;
                    } catch (MqttException e) {
                        // Paho frees an in-flight slot a moment after the token completes: wait and retry.
                        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || inFlight.isEmpty()) {
                            throw e;
                        }
                        inFlight.removeFirst().waitForCompletion(30_000);
                        Thread.sleep(1);
                    }
                }
            }
            while (!inFlight.isEmpty()) {
                inFlight.removeFirst().waitForCompletion(30_000);
            }
            return System.nanoTime();
        } finally {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }
}
