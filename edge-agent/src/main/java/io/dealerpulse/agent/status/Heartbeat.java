package io.dealerpulse.agent.status;

import io.dealerpulse.agent.outbox.Outbox;
import io.dealerpulse.agent.outbox.OutboxEntry;
import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.schemas.EventIds;
import io.dealerpulse.schemas.serde.AvroCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the agent's heartbeat ({@code AgentStatus}) and stores it in the outbox, so it reaches Kafka
 * in order with the events (a heartbeat advances the site's clock in the jobs, so it must not overtake
 * a backlog). Its id is hash(site, agent id, start time, sequence).
 */
public final class Heartbeat implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final String siteId;
    private final String agentId;
    private final String topic;
    private final Outbox outbox;
    private final AgentMetrics metrics;
    private final Clock clock;
    private final Instant startedAt;
    private final AvroCodec codec = AvroCodec.released();
    private long sequence;

    public Heartbeat(String siteId, String agentId, String topic, Outbox outbox, AgentMetrics metrics, Clock clock) {
        this.siteId = siteId;
        this.agentId = agentId;
        this.topic = topic;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public static String version() {
        String version = Heartbeat.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** The status as of now (also what /metrics shows). */
    public AgentStatus snapshot(long sequenceNumber) {
        Instant now = clock.instant();
        long oldestAge = outbox.oldestCreatedAt().map(t -> Math.max(0, Duration.between(t, now).toMillis())).orElse(0L);
        return AgentStatus.newBuilder()
                .setEventId(EventIds.of(siteId, agentId, startedAt.toEpochMilli(), sequenceNumber))
                .setSiteId(siteId)
                .setDeviceId(agentId)
                .setAgentVersion(version())
                .setSequence(sequenceNumber)
                .setStartedAt(startedAt)
                .setEventTime(now)
                .setReceivedTime(now)
                .setOutboxDepth(outbox.depth())
                .setOldestPendingAgeMs(oldestAge)
                .setClockOffsetMs(metrics.clockOffsetMillis.get())
                .setMqttConnected(metrics.mqttConnected())
                .setMessagesReceived(metrics.messagesReceived.sum())
                .setEventsForwarded(metrics.eventsForwarded.sum())
                .setRejects(new java.util.HashMap<>(metrics.rejects()))
                .setDropped(metrics.dropped.sum())
                .build();
    }

    @Override
    public void run() {
        try {
            AgentStatus status = snapshot(++sequence);
            outbox.append(List.of(new OutboxEntry(topic, siteId, status.getEventId(), codec.encode(status),
                    status.getEventTime())), List.of());
        } catch (Exception e) {
            LOG.warn("Could not store heartbeat {}: {}", sequence, e.getMessage());
        }
    }
}
