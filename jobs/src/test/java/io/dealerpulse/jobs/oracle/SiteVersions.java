package io.dealerpulse.jobs.oracle;

import io.dealerpulse.events.DatedException;
import io.dealerpulse.events.LocalInterval;
import io.dealerpulse.events.OpeningInterval;
import io.dealerpulse.events.SiteRegistryVersion;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every registry version of one site and the calendar questions the oracle asks of them: which
 * version is in force at an instant, a local date's opening intervals as UTC instants, its closing
 * time, and whether a quarter-hour slot is open.
 *
 * <p>Local opening minutes become instants with {@link ZonedDateTime#of}: a time inside a
 * spring-forward gap moves later by the gap, a time inside a fall-back overlap takes the earlier
 * offset. Minute 1440 is the next local midnight.
 */
public final class SiteVersions {
    static final Duration SLOT = Duration.ofMinutes(15);

    private final List<SiteRegistryVersion> versions;

    public SiteVersions(List<SiteRegistryVersion> versions) {
        List<SiteRegistryVersion> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.comparing(SiteRegistryVersion::getEffectiveFrom));
        this.versions = List.copyOf(sorted);
    }

    public List<SiteRegistryVersion> all() {
        return versions;
    }

    /** The version with the greatest effective_from at or before {@code instant}; null if none. */
    public SiteRegistryVersion inForceAt(Instant instant) {
        SiteRegistryVersion found = null;
        for (SiteRegistryVersion version : versions) {
            if (!version.getEffectiveFrom().isAfter(instant)) {
                found = version;
            }
        }
        return found;
    }

    public static ZoneId zone(SiteRegistryVersion version) {
        return ZoneId.of(version.getTimeZone());
    }

    /** Opening intervals of a local date as [open, close) instants: the dated exception if any, else the weekday's. */
    public static List<Instant[]> openingIntervals(SiteRegistryVersion version, LocalDate date) {
        List<int[]> minutes = new ArrayList<>();
        DatedException exception = null;
        for (DatedException candidate : version.getExceptions()) {
            if (candidate.getDate().equals(date)) {
                exception = candidate;
                break;
            }
        }
        if (exception != null) {
            for (LocalInterval interval : exception.getIntervals()) {
                minutes.add(new int[] {interval.getOpenMinute(), interval.getCloseMinute()});
            }
        } else {
            for (OpeningInterval interval : version.getWeeklyHours()) {
                if (interval.getDayOfWeek().name().equals(date.getDayOfWeek().name())) {
                    minutes.add(new int[] {interval.getOpenMinute(), interval.getCloseMinute()});
                }
            }
        }
        ZoneId zone = zone(version);
        List<Instant[]> intervals = new ArrayList<>();
        for (int[] m : minutes) {
            intervals.add(new Instant[] {localInstant(date, m[0], zone), localInstant(date, m[1], zone)});
        }
        return intervals;
    }

    /** End of the date's last opening interval; the next local midnight on a closed date. */
    public static Instant closingTime(SiteRegistryVersion version, LocalDate date) {
        Instant closing = null;
        for (Instant[] interval : openingIntervals(version, date)) {
            if (closing == null || interval[1].isAfter(closing)) {
                closing = interval[1];
            }
        }
        return closing != null ? closing : nextMidnight(date, zone(version));
    }

    /** A slot [start, start + 15 min) is open if it overlaps an opening interval of its local date. */
    public static boolean isOpen(SiteRegistryVersion version, Instant slotStart) {
        Instant slotEnd = slotStart.plus(SLOT);
        LocalDate date = slotStart.atZone(zone(version)).toLocalDate();
        for (Instant[] interval : openingIntervals(version, date)) {
            if (slotStart.isBefore(interval[1]) && interval[0].isBefore(slotEnd)) {
                return true;
            }
        }
        return false;
    }

    /** The slots of a local date: from local midnight in real 15-minute steps until the next local midnight. */
    public static List<Instant> slotsOf(LocalDate date, ZoneId zone) {
        List<Instant> slots = new ArrayList<>();
        Instant end = nextMidnight(date, zone);
        for (Instant start = date.atStartOfDay(zone).toInstant(); start.isBefore(end); start = start.plus(SLOT)) {
            slots.add(start);
        }
        return slots;
    }

    /** Start of the slot containing {@code instant}, in the given zone's local day. */
    public static Instant slotContaining(Instant instant, ZoneId zone) {
        Instant midnight = instant.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        long slots = Duration.between(midnight, instant).toMillis() / SLOT.toMillis();
        return midnight.plus(SLOT.multipliedBy(slots));
    }

    public static Instant nextMidnight(LocalDate date, ZoneId zone) {
        return date.plusDays(1).atStartOfDay(zone).toInstant();
    }

    static Instant localInstant(LocalDate date, int minuteOfDay, ZoneId zone) {
        if (minuteOfDay >= 1440) {
            return date.plusDays(minuteOfDay / 1440).atStartOfDay(zone).toInstant()
                    .plus(Duration.ofMinutes(minuteOfDay % 1440));
        }
        return ZonedDateTime.of(date, LocalTime.ofSecondOfDay(minuteOfDay * 60L), zone).toInstant();
    }
}
