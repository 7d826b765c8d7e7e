package io.dealerpulse.jobs.kpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Visits: the first check-in of each visit id (smallest event time, then smallest event id) and its
 * waiting time, from that check-in to the first SERVED of the visit at or after it.
 */
public final class VisitTracker {
    private static final Comparator<CheckIn> FIRST = Comparator.comparing(CheckIn::time).thenComparing(CheckIn::eventId);

    private final Map<String, CheckIn> firstCheckIns = new HashMap<>();
    private final Map<String, List<Instant>> servedTimes = new HashMap<>();

    public VisitTracker(Collection<CheckIn> checkIns, Collection<Served> served) {
        for (CheckIn checkIn : checkIns) {
            firstCheckIns.merge(checkIn.visitId(), checkIn, (a, b) -> FIRST.compare(a, b) <= 0 ? a : b);
        }
        for (Served event : served) {
            servedTimes.computeIfAbsent(event.visitId(), v -> new ArrayList<>()).add(event.time());
        }
    }

    public Collection<CheckIn> firstCheckIns() {
        return firstCheckIns.values();
    }

    /**
     * Waiting of the visit in milliseconds if it was served before {@code asOfExclusive} (a served
     * event before the first check-in does not count).
     */
    public Optional<Long> waitingMillis(CheckIn first, Instant asOfExclusive) {
        Instant earliest = null;
        for (Instant served : servedTimes.getOrDefault(first.visitId(), List.of())) {
            if (!served.isBefore(first.time()) && served.isBefore(asOfExclusive)
                    && (earliest == null || served.isBefore(earliest))) {
                earliest = served;
            }
        }
        return earliest == null ? Optional.empty() : Optional.of(earliest.toEpochMilli() - first.time().toEpochMilli());
    }
}
