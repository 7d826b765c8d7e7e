package io.dealerpulse.jobs.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Advisors' duty intervals during one local date. An advisor is on duty from a sign-on until their
 * sign-off or the date's local closing time, whichever comes first; a sign-on at or after closing
 * gives no duty. A repeated sign-on and an unmatched sign-off change nothing.
 *
 * <p>Because duty always ends by the closing time of the sign-on's own date (at the latest the next
 * local midnight), a date's duty depends only on that date's sign-on/off events: a forgotten
 * sign-off never carries into the next day.
 */
public final class DutyTimeline {
    /** Same-time events: sign-on first, then by event id, so the result does not depend on arrival order. */
    private static final Comparator<DutyEvent> ORDER = Comparator.comparing(DutyEvent::time)
            .thenComparing(e -> !e.signOn())
            .thenComparing(DutyEvent::eventId);

    private final List<Instant[]> intervals;

    private DutyTimeline(List<Instant[]> intervals) {
        this.intervals = intervals;
    }

    public static DutyTimeline of(Collection<DutyEvent> events, SiteCalendar calendar, LocalDate date) {
        Instant dayStart = calendar.dayStart(date);
        Instant dayEnd = calendar.dayEnd(date);
        Instant closing = calendar.closingTime(date);
        Map<String, List<DutyEvent>> byAdvisor = new TreeMap<>();
        for (DutyEvent event : events) {
            if (!event.time().isBefore(dayStart) && event.time().isBefore(dayEnd)) {
                byAdvisor.computeIfAbsent(event.advisor(), a -> new ArrayList<>()).add(event);
            }
        }
        List<Instant[]> intervals = new ArrayList<>();
        for (List<DutyEvent> advisorEvents : byAdvisor.values()) {
            advisorEvents.sort(ORDER);
            Instant onSince = null;
            for (DutyEvent event : advisorEvents) {
                if (event.signOn()) {
                    if (onSince == null && event.time().isBefore(closing)) {
                        onSince = event.time();
                    }
                } else if (onSince != null) {
                    Instant end = event.time().isBefore(closing) ? event.time() : closing;
                    intervals.add(new Instant[] {onSince, end});
                    onSince = null;
                }
            }
            if (onSince != null) {
                intervals.add(new Instant[] {onSince, closing});
            }
        }
        return new DutyTimeline(intervals);
    }

    /** Advisor-milliseconds on duty inside the slot. */
    public long advisorMillis(Slot slot) {
        long total = 0;
        for (Instant[] interval : intervals) {
            long from = Math.max(interval[0].toEpochMilli(), slot.start().toEpochMilli());
            long to = Math.min(interval[1].toEpochMilli(), slot.end().toEpochMilli());
            if (to > from) {
                total += to - from;
            }
        }
        return total;
    }

    /** Time-weighted number of advisors on duty: advisor-seconds inside the slot / 900. */
    public double staffOnDuty(Slot slot) {
        return advisorMillis(slot) / (double) SiteCalendar.SLOT.toMillis();
    }
}
