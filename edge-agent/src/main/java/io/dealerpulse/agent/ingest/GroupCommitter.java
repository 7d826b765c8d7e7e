package io.dealerpulse.agent.ingest;

import io.dealerpulse.agent.outbox.Outbox;
import io.dealerpulse.agent.outbox.OutboxException;
import io.dealerpulse.agent.outbox.OutboxFullException;
import io.dealerpulse.agent.status.AgentMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread between MQTT and the outbox. It takes the messages the MQTT callback queued, up to
 * {@code batchMax} or until {@code linger} has passed since the first, decodes them, writes all their
 * entries and counter states in one transaction (one fsync for the batch), and only then acknowledges
 * the messages to the broker, in arrival order.
 *
 * <p>When the outbox is full (Kafka unreachable for a long time) the batch is neither committed nor
 * acknowledged; the thread retries every second. The broker stops sending once the agent's receive
 * maximum of unacknowledged messages is reached and queues the rest in its persistent session, within
 * its own limits ({@code max_queued_messages} in the site's mosquitto.conf). Nothing is dropped by the
 * agent; an ERROR log and {@code dealerpulse_agent_outbox_full} alert the site.
 */
public final class GroupCommitter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final BlockingQueue<ReceivedMessage> queue;
    private final MessageProcessor processor;
    private final Outbox outbox;
    private final Acknowledger acknowledger;
    private final AgentMetrics metrics;
    private final Runnable onCommitted;
    private final Clock clock;
    private final int batchMax;
    private final Duration linger;
    private volatile boolean running = true;

    public GroupCommitter(BlockingQueue<ReceivedMessage> queue, MessageProcessor processor, Outbox outbox,
            Acknowledger acknowledger, AgentMetrics metrics, Runnable onCommitted, Clock clock, int batchMax,
            Duration linger) {
        this.queue = queue;
        this.processor = processor;
        this.outbox = outbox;
        this.acknowledger = acknowledger;
        this.metrics = metrics;
        this.onCommitted = onCommitted;
        this.clock = clock;
        this.batchMax = batchMax;
        this.linger = linger;
    }

    @Override
    public void run() {
        List<ReceivedMessage> batch = new ArrayList<>(batchMax);
        while (running) {
            try {
                if (!collect(batch)) {
                    continue;
                }
                if (!commitUntilStored(batch)) {
                    return;   // stopping: the batch is not durable, so it is not acknowledged (the broker redelivers)
                }
                for (ReceivedMessage message : batch) {
                    acknowledger.acknowledge(message);
                }
                batch.clear();
                onCommitted.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public void stop() {
        running = false;
    }

    /** Waits for a first message, then gathers more for up to {@code linger}. */
    private boolean collect(List<ReceivedMessage> batch) throws InterruptedException {
        ReceivedMessage first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
            return false;
        }
        batch.add(first);
        long deadline = System.nanoTime() + linger.toNanos();
        while (batch.size() < batchMax) {
            long left = deadline - System.nanoTime();
            ReceivedMessage next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return true;
    }

    /** True once the batch is durable; false if the committer was stopped before that. */
    private boolean commitUntilStored(List<ReceivedMessage> batch) throws InterruptedException {
        boolean alerted = false;
        while (running) {
            BatchResult result = processor.process(batch);
            try {
                outbox.append(result.entries, result.counters.values());
                if (alerted) {
                    LOG.info("The outbox accepts messages again ({} waiting for Kafka); acknowledging MQTT again.",
                            outbox.depth());
                }
                metrics.outboxFullSinceMillis.set(0);
                metrics.groupCommits.increment();
                metrics.messagesCommitted.add(batch.size());
                metrics.eventsStored.add(result.events);
                metrics.messagesIgnored.add(result.ignored);
                metrics.dropped.add(result.quarantineEvictions);
                result.rejectReasons.forEach(metrics::reject);
                return true;
            } catch (OutboxFullException e) {
                if (!alerted) {
                    metrics.outboxFullSinceMillis.compareAndSet(0, clock.millis());
                    LOG.error("{}. Kafka has not taken the stored events for a long time: check the internet"
                            + " connection and the Kafka address. The agent stops acknowledging device messages; the"
                            + " site broker keeps them until the outbox drains. No message is lost while the broker's"
                            + " queue (max_queued_messages) has room.", e.getMessage());
                    alerted = true;
                }
            } catch (OutboxException e) {
                if (!alerted) {
                    LOG.error("{}. Device messages are not acknowledged until the outbox can be written again.",
                            e.getMessage());
                    alerted = true;
                }
            }
            Thread.sleep(RETRY.toMillis());
        }
        return false;
    }
}
