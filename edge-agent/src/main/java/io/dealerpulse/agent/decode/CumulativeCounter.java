package io.dealerpulse.agent.decode;

import java.time.Instant;
import java.util.Optional;

/**
 * Turns cumulative totals into deltas (DESIGN.md "Cumulative counters"): the first total ever seen
 * is a baseline (nothing counted); a newer reset time ({@code epoch}) is a reset and counts the new
 * total; a larger total under the same epoch counts the increase; anything else (same or lower total,
 * older epoch: a redelivery or a stale message) counts nothing and keeps the state. Never negative.
 */
public final class CumulativeCounter {
    private CumulativeCounter() {}

    /** The outcome of one reading: the delta, whether it followed a reset, and the state to commit. */
    public record Step(long delta, boolean baseline, boolean reset, CounterState state) {}

    public static Step advance(Optional<CounterState> previous, String key, Instant epoch, long total) {
        CounterState next = new CounterState(key, epoch, total);
        if (previous.isEmpty()) {
            return new Step(0, true, false, next);
        }
        CounterState last = previous.get();
        if (epoch.isAfter(last.epoch())) {
            return new Step(total, false, true, next);
        }
        if (epoch.equals(last.epoch()) && total > last.total()) {
            return new Step(total - last.total(), false, false, next);
        }
        return new Step(0, false, false, last);
    }
}
