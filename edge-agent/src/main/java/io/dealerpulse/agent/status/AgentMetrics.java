package io.dealerpulse.agent.status;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counters and gauges since the agent started, shared by the stages, read by heartbeat and /metrics. */
public final class AgentMetrics {
    public final LongAdder messagesReceived = new LongAdder();
    public final LongAdder messagesCommitted = new LongAdder();
    public final LongAdder messagesIgnored = new LongAdder();
    public final LongAdder eventsStored = new LongAdder();
    public final LongAdder eventsForwarded = new LongAdder();
    public final LongAdder deliveryFailures = new LongAdder();
    public final LongAdder groupCommits = new LongAdder();
    /** Forwarder rounds (read oldest, send, await every acknowledgement, remove) and where their time went. */
    public final LongAdder forwardRounds = new LongAdder();
    public final LongAdder forwardReadNanos = new LongAdder();
    public final LongAdder forwardAwaitNanos = new LongAdder();
    public final LongAdder forwardRemoveNanos = new LongAdder();
    public final LongAdder dropped = new LongAdder();
    public final AtomicLong outboxFullSinceMillis = new AtomicLong(0);
    public final AtomicReference<Long> clockOffsetMillis = new AtomicReference<>(null);
    private final Map<String, LongAdder> rejects = new ConcurrentHashMap<>();
    private volatile boolean mqttConnected;

    public void reject(String reason) {
        rejects.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Rejects per reason code, sorted by reason. */
    public Map<String, Long> rejects() {
        Map<String, Long> copy = new TreeMap<>();
        rejects.forEach((reason, count) -> copy.put(reason, count.sum()));
        return copy;
    }

    public boolean mqttConnected() {
        return mqttConnected;
    }

    public void mqttConnected(boolean connected) {
        this.mqttConnected = connected;
    }
}
