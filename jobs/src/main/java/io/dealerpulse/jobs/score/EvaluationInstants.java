package io.dealerpulse.jobs.score;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The instants a live score point is written for when the site clock moves from {@code before}
 * (exclusive) to {@code after} (inclusive): every whole minute (T = k·60 s, UTC) and every window end
 * in between. A site clock jumping far ahead (a site back after an outage) gets at most
 * {@code maxPoints} minutes, the latest ones, so one event can never emit unbounded output.
 */
public final class EvaluationInstants {
    private EvaluationInstants() {}

    public static List<Instant> between(long before, long after, Collection<Instant> windowEnds, int maxPoints) {
        TreeSet<Instant> instants = new TreeSet<>();
        if (after <= before) {
            return List.of();
        }
        long firstMinute = Math.floorDiv(before, 60_000L) * 60_000L + 60_000L;
        long lastMinute = Math.floorDiv(after, 60_000L) * 60_000L;
        long from = Math.max(firstMinute, lastMinute - (long) (maxPoints - 1) * 60_000L);
        for (long m = from; m <= lastMinute; m += 60_000L) {
            instants.add(Instant.ofEpochMilli(m));
        }
        for (Instant end : windowEnds) {
            if (end.toEpochMilli() > before && end.toEpochMilli() <= after) {
                instants.add(end);
            }
        }
        return List.copyOf(instants);
    }

    /** The current minute's point: the next whole minute strictly after the clock (written so far as of the clock). */
    public static Instant currentMinute(long clock) {
        return Instant.ofEpochMilli(Math.floorDiv(clock, 60_000L) * 60_000L + 60_000L);
    }
}
