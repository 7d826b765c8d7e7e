package io.dealerpulse.jobs.kpi;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One site-local quarter-hour slot: the {@code index}-th 15-minute step (real time) from the local
 * midnight of {@code localDate}. Half-open [start, end); identified by its UTC start, so the two
 * occurrences of a repeated local hour on a fall-back day are distinct slots.
 */
public record Slot(Instant start, Instant end, LocalDate localDate, int index) {
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
