package io.dealerpulse.jobs.kpi;

import java.util.Arrays;
import java.util.Collection;

/** Mean and nearest-rank 90th percentile (the ⌈0.9·n⌉-th smallest value) of waiting times in seconds. */
public record WaitingStats(long served, double meanSeconds, double p90Seconds) {
    public static final WaitingStats NONE = new WaitingStats(0, 0.0, 0.0);

    public static WaitingStats ofMillis(Collection<Long> waitingMillis) {
        if (waitingMillis.isEmpty()) {
            return NONE;
        }
        long[] sorted = waitingMillis.stream().mapToLong(Long::longValue).sorted().toArray();
        long sum = Arrays.stream(sorted).sum();
        int rank = (9 * sorted.length + 9) / 10; // ⌈0.9·n⌉ in integers: no floating-point rounding
        return new WaitingStats(sorted.length, sum / 1000.0 / sorted.length, sorted[rank - 1] / 1000.0);
    }
}
