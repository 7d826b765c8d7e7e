package io.dealerpulse.agent.outbox;

import io.dealerpulse.agent.decode.CounterState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The agent's durable, bounded FIFO between MQTT and Kafka (store-and-forward, as Kura's
 * {@code DataStore}). Lifecycle of an entry:
 * <ol>
 *   <li><b>stored</b> - {@link #append} returned: the entry (and the counter states that produced it)
 *       is on disk in one transaction; only now is the MQTT message acknowledged;
 *   <li><b>published</b> - the forwarder read it with {@link #oldest} and handed it to the Kafka
 *       producer; it stays stored while Kafka has not acknowledged it;
 *   <li><b>confirmed</b> - Kafka acknowledged it ({@code acks=all}) and the forwarder {@link #remove}d it.
 *       A delivery that failed or timed out leaves it stored and it is published again later.
 * </ol>
 * A crash between published and confirmed re-publishes the entry: Kafka may then hold a duplicate
 * with the same event id, which the jobs drop. The alternative (removing before the ack) could lose
 * data, which DESIGN.md forbids; duplicates are the price, paid downstream.
 */
public interface Outbox extends AutoCloseable {

    /**
     * Stores entries and counter states atomically (one transaction, one fsync under
     * {@code sync: full}): after a crash either all of them are there or none.
     *
     * @throws OutboxFullException the cap would be exceeded; nothing was written
     */
    void append(List<OutboxEntry> entries, Collection<CounterState> counterUpdates)
            throws OutboxFullException, OutboxException;

    /** The committed state of a cumulative counter. */
    Optional<CounterState> counter(String key);

    /** Up to {@code max} of the oldest stored entries, oldest first. */
    List<StoredEntry> oldest(int max) throws OutboxException;

    /** Confirms (deletes) delivered entries. */
    void remove(Collection<Long> sequences) throws OutboxException;

    long depth();

    long bytes();

    /** Creation time of the oldest stored entry, if any. */
    Optional<Instant> oldestCreatedAt();

    /** False after a write failed, until a later write succeeds; feeds {@code /health}. */
    boolean writable();

    @Override
    void close();
}
