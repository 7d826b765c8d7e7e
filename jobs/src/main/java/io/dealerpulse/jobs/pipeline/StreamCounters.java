package io.dealerpulse.jobs.pipeline;

/**
 * Accounting counters of one input stream of one site, kept in checkpointed keyed state.
 * {@code received} always equals the sum of the buckets.
 */
public class StreamCounters {
    private long received;
    private long[] buckets = new long[Bucket.values().length];

    /** For Flink's POJO serializer. */
    public StreamCounters() {}

    public void receive(Bucket bucket) {
        received++;
        buckets[bucket.ordinal()]++;
    }

    /** Takes back a receipt (an input leaving the unknown-site hold is received again when applied). */
    public void forget(Bucket bucket) {
        received--;
        buckets[bucket.ordinal()]--;
    }

    /** Moves {@code count} events from one bucket to another (e.g. pending → aggregated). */
    public void move(Bucket from, Bucket to, long count) {
        buckets[from.ordinal()] -= count;
        buckets[to.ordinal()] += count;
    }

    public long count(Bucket bucket) {
        return buckets[bucket.ordinal()];
    }

    public long getReceived() {
        return received;
    }

    public void setReceived(long received) {
        this.received = received;
    }

    public long[] getBuckets() {
        return buckets;
    }

    public void setBuckets(long[] buckets) {
        // A state written by an older version with fewer buckets keeps its counts.
        this.buckets = java.util.Arrays.copyOf(buckets, Bucket.values().length);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("received=").append(received);
        for (Bucket bucket : Bucket.values()) {
            text.append(' ').append(bucket.field()).append('=').append(count(bucket));
        }
        return text.toString();
    }
}
