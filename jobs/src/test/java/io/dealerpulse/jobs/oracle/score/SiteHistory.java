package io.dealerpulse.jobs.oracle.score;

import io.dealerpulse.jobs.oracle.SiteVersions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the oracle knows of one site after replaying every arrival: its registry versions, the
 * events that reach the KPI state (in arrival order), and how its clock moved: {@code clockSteps}
 * holds (arrival seq, clock millis) each time the clock advanced.
 */
final class SiteHistory {
    final String site;
    final SiteVersions versions;
    final List<UsedEvent> events = new ArrayList<>();
    private final List<long[]> clockSteps = new ArrayList<>();

    SiteHistory(String site, SiteVersions versions) {
        this.site = site;
        this.versions = versions;
    }

    void advanceClock(long seq, long clockMillis) {
        if (clockSteps.isEmpty() || clockMillis > clockSteps.get(clockSteps.size() - 1)[1]) {
            clockSteps.add(new long[] {seq, clockMillis});
        }
    }

    boolean hasClock() {
        return !clockSteps.isEmpty();
    }

    /** The clock's first value (set by the first agent event): minutes at or before it were never passed. */
    Instant firstClock() {
        return Instant.ofEpochMilli(clockSteps.get(0)[1]);
    }

    Instant finalClock() {
        return Instant.ofEpochMilli(clockSteps.get(clockSteps.size() - 1)[1]);
    }

    /**
     * Arrival seq of the event that first brought the clock to ≥ T: the point for T is written
     * then, from the events that arrived before it. Long.MAX_VALUE if the clock never reached T.
     */
    long horizon(Instant t) {
        long millis = t.toEpochMilli();
        int lo = 0;
        int hi = clockSteps.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (clockSteps.get(mid)[1] >= millis) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo < clockSteps.size() ? clockSteps.get(lo)[0] : Long.MAX_VALUE;
    }
}
