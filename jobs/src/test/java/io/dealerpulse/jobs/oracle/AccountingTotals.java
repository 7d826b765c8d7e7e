package io.dealerpulse.jobs.oracle;

import java.util.EnumMap;
import java.util.Map;

/** Counts per bucket for one (stream, site); {@code received} is their sum by construction. */
public final class AccountingTotals {
    private final EnumMap<Bucket, Long> counts = new EnumMap<>(Bucket.class);

    public AccountingTotals() {
        for (Bucket bucket : Bucket.values()) {
            counts.put(bucket, 0L);
        }
    }

    void add(Bucket bucket) {
        counts.merge(bucket, 1L, Long::sum);
    }

    void addAll(AccountingTotals other) {
        other.counts.forEach((bucket, count) -> counts.merge(bucket, count, Long::sum));
    }

    public long get(Bucket bucket) {
        return counts.get(bucket);
    }

    public long received() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Records that went into the KPI state: aggregated + corrected-late + pending. The split between
     * these three depends on how the job interleaves its separate Kafka topics (a kiosk event read after
     * the footfall of a later hour is "late" but still applied), so comparisons use this sum.
     */
    public long applied() {
        return get(Bucket.AGGREGATED) + get(Bucket.CORRECTED_LATE) + get(Bucket.PENDING);
    }

    public Map<Bucket, Long> asMap() {
        return Map.copyOf(counts);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("received=").append(received());
        counts.forEach((bucket, count) -> text.append(' ').append(bucket.field()).append('=').append(count));
        return text.toString();
    }
}
