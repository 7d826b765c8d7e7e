package io.dealerpulse.jobs.kpi;

import io.dealerpulse.events.DatedException;
import io.dealerpulse.events.LocalInterval;
import io.dealerpulse.events.OpeningInterval;
import io.dealerpulse.events.SiteRegistryVersion;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The local calendar of one registry version: quarter-hour slots of a local date, which of them are
 * open, and the closing time of a date.
 *
 * <p>Opening intervals are local wall-clock minutes; they are turned into instants with
 * {@link ZonedDateTime#of} (a time in a DST gap moves forward, a time in a repeated hour takes the
 * earlier offset), and a slot is open when its [start, end) overlaps one of those instant intervals.
 * Minute 1440 is the next local midnight.
 */
public final class SiteCalendar {
    public static final Duration SLOT = Duration.ofMinutes(15);
    private static final long SLOT_MILLIS = SLOT.toMillis();

    private final ZoneId zone;
    private final Map<DayOfWeek, List<int[]>> weekly = new HashMap<>();
    private final Map<LocalDate, List<int[]>> exceptions = new HashMap<>();
    // Per-date results, computed once per calendar: the KPI and score operators ask for the same few
    // dates thousands of times (zone rules lookups dominated their profile). A calendar is immutable.
    private final Map<LocalDate, Instant> dayStarts = new HashMap<>();
    private final Map<LocalDate, List<Instant[]>> intervalsByDate = new HashMap<>();
    private final Map<LocalDate, List<Slot>> openSlotsByDate = new HashMap<>();

    public SiteCalendar(SiteRegistryVersion version) {
        this.zone = ZoneId.of(version.getTimeZone());
        for (OpeningInterval interval : version.getWeeklyHours()) {
            weekly.computeIfAbsent(DayOfWeek.valueOf(interval.getDayOfWeek().name()), d -> new ArrayList<>())
                    .add(new int[] {interval.getOpenMinute(), interval.getCloseMinute()});
        }
        for (DatedException exception : version.getExceptions()) {
            List<int[]> intervals = new ArrayList<>();
            for (LocalInterval interval : exception.getIntervals()) {
                intervals.add(new int[] {interval.getOpenMinute(), interval.getCloseMinute()});
            }
            exceptions.put(exception.getDate(), intervals);
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate localDate(Instant t) {
        return t.atZone(zone).toLocalDate();
    }

    /** First instant of the local date (01:00 on a day whose DST change is at midnight). */
    public Instant dayStart(LocalDate date) {
        return dayStarts.computeIfAbsent(date, d -> d.atStartOfDay(zone).toInstant());
    }

    /** Exclusive end of the local date: the next local midnight. */
    public Instant dayEnd(LocalDate date) {
        return dayStart(date.plusDays(1));
    }

    /** Every quarter-hour slot of the date (92, 96 or 100 on a DST-hour zone). */
    public List<Slot> slots(LocalDate date) {
        Instant start = dayStart(date);
        Instant end = dayEnd(date);
        List<Slot> slots = new ArrayList<>(100);
        int index = 0;
        for (Instant s = start; s.isBefore(end); s = s.plus(SLOT)) {
            Instant e = s.plus(SLOT);
            slots.add(new Slot(s, e.isAfter(end) ? end : e, date, index++));
        }
        return slots;
    }

    /** The slot containing {@code t}. */
    public Slot slotContaining(Instant t) {
        LocalDate date = localDate(t);
        long start = dayStart(date).toEpochMilli();
        long index = (t.toEpochMilli() - start) / SLOT_MILLIS;
        long s = start + index * SLOT_MILLIS;
        long e = Math.min(s + SLOT_MILLIS, dayEnd(date).toEpochMilli());
        return new Slot(Instant.ofEpochMilli(s), Instant.ofEpochMilli(e), date, (int) index);
    }

    /** Opening intervals of the date as instants; a dated exception replaces the weekday's hours. */
    public List<Instant[]> openingIntervals(LocalDate date) {
        List<Instant[]> copy = new ArrayList<>();
        for (Instant[] interval : intervals(date)) {
            copy.add(interval.clone());
        }
        return copy;
    }

    /** {@link #openingIntervals}, cached; callers here only read it. */
    private List<Instant[]> intervals(LocalDate date) {
        List<Instant[]> cached = intervalsByDate.get(date);
        if (cached == null) {
            cached = computeOpeningIntervals(date);
            intervalsByDate.put(date, cached);
        }
        return cached;
    }

    private List<Instant[]> computeOpeningIntervals(LocalDate date) {
        List<int[]> minutes = exceptions.getOrDefault(date, weekly.getOrDefault(date.getDayOfWeek(), List.of()));
        List<Instant[]> intervals = new ArrayList<>(minutes.size());
        for (int[] interval : minutes) {
            intervals.add(new Instant[] {localMinute(date, interval[0]), localMinute(date, interval[1])});
        }
        intervals.sort(Comparator.comparing(i -> i[0]));
        return intervals;
    }

    public boolean isOpen(Slot slot) {
        for (Instant[] interval : intervals(slot.localDate())) {
            if (slot.start().isBefore(interval[1]) && interval[0].isBefore(slot.end())) {
                return true;
            }
        }
        return false;
    }

    /** The date's open slots in time order (an unmodifiable list). */
    public List<Slot> openSlots(LocalDate date) {
        List<Slot> cached = openSlotsByDate.get(date);
        if (cached == null) {
            cached = List.copyOf(computeOpenSlots(date));
            openSlotsByDate.put(date, cached);
        }
        return cached;
    }

    private List<Slot> computeOpenSlots(LocalDate date) {
        List<Instant[]> intervals = intervals(date);
        List<Slot> open = new ArrayList<>();
        for (Slot slot : slots(date)) {
            for (Instant[] interval : intervals) {
                if (slot.start().isBefore(interval[1]) && interval[0].isBefore(slot.end())) {
                    open.add(slot);
                    break;
                }
            }
        }
        return open;
    }

    /** End of the date's last opening interval; the next local midnight on a closed date. */
    public Instant closingTime(LocalDate date) {
        Instant closing = null;
        for (Instant[] interval : intervals(date)) {
            if (closing == null || interval[1].isAfter(closing)) {
                closing = interval[1];
            }
        }
        return closing == null ? dayEnd(date) : closing;
    }

    /** UTC offset at {@code t}, in minutes. */
    public int utcOffsetMinutes(Instant t) {
        return zone.getRules().getOffset(t).getTotalSeconds() / 60;
    }

    private Instant localMinute(LocalDate date, int minute) {
        if (minute >= 1440) {
            return dayStart(date.plusDays(minute / 1440)).plus(Duration.ofMinutes(minute % 1440));
        }
        return ZonedDateTime.of(date, java.time.LocalTime.of(minute / 60, minute % 60), zone).toInstant();
    }
}
