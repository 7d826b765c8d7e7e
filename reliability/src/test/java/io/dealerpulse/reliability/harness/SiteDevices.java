package io.dealerpulse.reliability.harness;

import io.dealerpulse.schemas.EventIds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The devices of one site on one MQTT connection: an AXIS camera counting crossings on two reception
 * scenarios (cumulative totals, so each message after the baseline is one event) and a kiosk sending
 * check-ins. Messages rotate IN crossing, OUT crossing, kiosk check-in; the first publish sends the two
 * AXIS baselines first. Publish only once the agent has subscribed once: before its persistent session
 * exists, the broker has nobody to keep messages for and drops them (MQTT semantics, not a fault).
 *
 * <p>Devices publish at QoS 1 and, like real ones, keep a message until the broker acknowledged it:
 * a publish that fails (broker down, connection lost) is retried until it succeeds. A message counts
 * as <i>published</i> only once the broker's PUBACK arrived; from then on it is the broker's and the
 * agent's to keep. Each published message's event id and PUBACK time are recorded, so a test can tell
 * which ids it expects and when each was handed over.
 *
 * <p>Payload shapes copied from edge-agent's test {@code Payloads} (AXIS Object Analytics, generic kiosk).
 */
public final class SiteDevices implements AutoCloseable {
    public static final String AXIS_START = "2026-01-05T06:00:00Z";
    private static final String KIOSK_TOPIC = "dealerpulse/kiosk/" + AgentYaml.KIOSK;

    /** One message the broker acknowledged: its event id and when the PUBACK arrived. */
    public record Published(String eventId, long ackNanos) {}

    private final String siteId;
    private final MqttClient client;
    private final List<Published> published = new ArrayList<>();
    private final AtomicLong retries = new AtomicLong();
    private long sequence;   // messages handed over so far (baselines excluded)
    private long crossings;
    private Thread pacer;
    private volatile boolean pacing;
    private volatile RuntimeException pacerFailure;

    public SiteDevices(String siteId, String brokerUri, String user, String password) throws MqttException {
        this.siteId = siteId;
        client = new MqttClient(brokerUri, "devices-" + UUID.randomUUID(), new MemoryPersistence());
        client.setTimeToWait(5_000);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 1);
        options.setCleanStart(true);
        options.setConnectionTimeout(5);
        client.connect(options);
    }

    /** Publishes the next {@code count} messages as fast as the broker acknowledges them. */
    public synchronized void publish(int count) {
        for (int i = 0; i < count; i++) {
            publishNext();
        }
    }

    /** Starts publishing {@code perSecond} messages a second on a background thread, until {@link #stopPacing()}. */
    public void startPacing(int perSecond) {
        pacing = true;
        pacer = new Thread(() -> {
            long intervalNanos = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            try {
                while (pacing) {
                    synchronized (this) {
                        publishNext();
                    }
                    next += intervalNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } else if (wait < -1_000_000_000L) {
                        next = System.nanoTime();   // fell behind during an outage: no catch-up burst
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                pacerFailure = e;
            }
        }, "device-pacer");
        pacer.setDaemon(true);
        pacer.start();
    }

    /** Stops the background publisher; every message it started is acknowledged when this returns. */
    public void stopPacing() throws InterruptedException {
        pacing = false;
        if (pacer != null) {
            pacer.join(60_000);
            if (pacer.isAlive()) {
                throw new AssertionError("the device publisher did not stop within 60 s");
            }
            pacer = null;
        }
        if (pacerFailure != null) {
            throw pacerFailure;
        }
    }

    /** Every message the broker acknowledged so far, in order. */
    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    /** Publishes that failed and were sent again (broker down or connection lost). */
    public long retries() {
        return retries.get();
    }

    /** Crossings among the published messages (the kiosk messages count no visitor). */
    public synchronized long crossings() {
        return crossings;
    }

    private void publishNext() {
        if (sequence == 0) {
            // First sight of each AXIS scenario: a baseline, which counts nothing and has no event id.
            Instant now = Instant.now();
            publishUntilAcknowledged(axisTopic(AgentYaml.AXIS_IN), axis(now, 0), Duration.ofMinutes(2));
            publishUntilAcknowledged(axisTopic(AgentYaml.AXIS_OUT), axis(now, 0), Duration.ofMinutes(2));
        }
        long n = sequence++;
        long total = n / 3 + 1;   // each scenario's total after this crossing
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String eventId;
        switch ((int) (n % 3)) {
            case 0 -> {
                publishUntilAcknowledged(axisTopic(AgentYaml.AXIS_IN), axis(now, total), Duration.ofMinutes(2));
                eventId = EventIds.of(siteId, AgentYaml.AXIS_PREFIX, AgentYaml.AXIS_IN, AXIS_START, total);
                crossings++;
            }
            case 1 -> {
                publishUntilAcknowledged(axisTopic(AgentYaml.AXIS_OUT), axis(now, total), Duration.ofMinutes(2));
                eventId = EventIds.of(siteId, AgentYaml.AXIS_PREFIX, AgentYaml.AXIS_OUT, AXIS_START, total);
                crossings++;
            }
            default -> {
                String messageId = "m-" + total;
                publishUntilAcknowledged(KIOSK_TOPIC, kiosk(messageId, now), Duration.ofMinutes(2));
                eventId = EventIds.of(siteId, AgentYaml.KIOSK, messageId);
            }
        }
        published.add(new Published(eventId, System.nanoTime()));
    }

    private void publishUntilAcknowledged(String topic, String json, Duration patience) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                client.publish(topic, payload, 1, false);
                return;
            } catch (MqttException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the site broker did not take a message for " + patience, e);
                }
                retries.incrementAndGet();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while publishing", interrupted);
                }
            }
        }
    }

    static String axisTopic(String scenario) {
        return AgentYaml.AXIS_PREFIX + "/event/tns:axis/CameraApplicationPlatform/ObjectAnalytics/" + scenario;
    }

    static String axis(Instant crossing, long totalHuman) {
        return """
                {"topic":"axis:CameraApplicationPlatform/ObjectAnalytics/Device1Scenario1","timestamp":%d,
                 "serial":"ACCC8E123456","message":{"source":{},"key":{},"data":{"startTime":"%s","reason":"human",
                 "total":"%d","totalHuman":"%d","totalCar":"0","totalBike":"0"}}}"""
                .formatted(crossing.toEpochMilli(), AXIS_START, totalHuman, totalHuman);
    }

    String kiosk(String messageId, Instant time) {
        return """
                {"site_id":"%s","kiosk_id":"%s","message_id":"%s","type":"CHECK_IN","time":"%s","visit_id":"V-%s"}"""
                .formatted(siteId, AgentYaml.KIOSK, messageId, time, messageId);
    }

    @Override
    public void close() throws Exception {
        stopPacing();
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
