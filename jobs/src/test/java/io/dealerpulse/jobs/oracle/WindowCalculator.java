package io.dealerpulse.jobs.oracle;

import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.KioskEventType;
import io.dealerpulse.events.SiteRegistryVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * Computes one window from scratch, as of the end of its local day T: it looks only at the site's
 * usable events with event time before T and re-derives everything (duty intervals, first check-ins,
 * appointment states) for this window alone. Deliberately naive: no state is carried between windows.
 */
final class WindowCalculator {
    private static final double SLOT_SECONDS = 900.0;

    private final SiteVersions versions;
    private final List<SpecificRecord> events;

    WindowCalculator(SiteVersions versions, List<SpecificRecord> usableEvents) {
        this.versions = versions;
        this.events = usableEvents;
    }

    ExpectedWindow compute(Instant start) {
        SiteRegistryVersion version = versions.inForceAt(start);
        ZoneId zone = SiteVersions.zone(version);
        Instant end = start.plus(SiteVersions.SLOT);
        ZonedDateTime localStart = start.atZone(zone);
        LocalDate localDate = localStart.toLocalDate();
        Instant asOf = SiteVersions.nextMidnight(localDate, zone);
        List<SpecificRecord> known = events.stream()
                .filter(e -> ArrivalLedger.eventTimeOf(e).isBefore(asOf))
                .toList();

        long visitors = visitors(known, start, end);
        double staff = advisorMillisOnDuty(known, start, end) / 1000.0 / SLOT_SECONDS;
        List<Double> waits = new ArrayList<>();
        long[] visits = visitsOf(known, start, end, waits);
        long[] appointments = appointments(known, start, end);

        SortedMap<String, Object> fields = new TreeMap<>();
        fields.put("visitors", visitors);
        fields.put("staff_on_duty", staff);
        boolean ratioValid = staff > 0;
        double ratio = ratioValid ? visitors / staff : 0.0;
        fields.put("visitors_per_staff", ratio);
        fields.put("ratio_valid", ratioValid);
        fields.put("unstaffed", visitors > 0 && !ratioValid);
        fields.put("status", status(visitors, ratioValid, ratio, version));
        fields.put("check_ins", visits[0]);
        fields.put("walk_ins", visits[1]);
        fields.put("appointments_due", appointments[0]);
        fields.put("appointments_arrived", appointments[1]);
        fields.put("waiting_served", (long) waits.size());
        fields.put("waiting_mean_s", waits.isEmpty() ? 0.0 : waits.stream().mapToDouble(d -> d).sum() / waits.size());
        fields.put("waiting_p90_s", nearestRankP90(waits));
        fields.put("target_min", version.getTargetMin());
        fields.put("target_max", version.getTargetMax());
        fields.put("utc_offset_min", (long) (localStart.getOffset().getTotalSeconds() / 60));

        SortedMap<String, String> tags = new TreeMap<>();
        tags.put("site", version.getSiteId());
        tags.put("region", version.getRegion());
        tags.put("investor_group", version.getInvestorGroup() == null ? "none" : version.getInvestorGroup());
        tags.put("country", version.getCountry());
        tags.put("local_date", localDate.toString());
        tags.put("local_hour", localStart.format(DateTimeFormatter.ofPattern("HH")));
        return new ExpectedWindow(start, tags, fields);
    }

    static String status(long visitors, boolean ratioValid, double ratio, SiteRegistryVersion version) {
        if (!ratioValid) {
            return visitors > 0 ? "under_staffed" : "idle";
        }
        if (ratio < version.getTargetMin()) {
            return "over_staffed";
        }
        if (ratio > version.getTargetMax()) {
            return "under_staffed";
        }
        return "ok";
    }

    /** The ⌈0.9·n⌉-th smallest value (1-based); 0.0 when there is none. */
    static double nearestRankP90(List<Double> values) {
        if (values.isEmpty()) {
            return 0.0;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int rank = (int) Math.ceil(0.9 * sorted.size());
        return sorted.get(rank - 1);
    }

    private static long visitors(List<SpecificRecord> known, Instant start, Instant end) {
        long sum = 0;
        for (SpecificRecord record : known) {
            if (record instanceof FootfallEvent e && e.getReceptionDoor() && e.getDirection() == Direction.IN
                    && within(e.getEventTime(), start, end)) {
                sum += e.getCount();
            }
        }
        return sum;
    }

    /** Sum over advisors of the overlap of their duty intervals with [start, end), in ms. */
    private long advisorMillisOnDuty(List<SpecificRecord> known, Instant start, Instant end) {
        Map<String, List<KioskEvent>> byAdvisor = new TreeMap<>();
        for (SpecificRecord record : known) {
            if (record instanceof KioskEvent e && e.getAdvisorPseudonym() != null
                    && (e.getType() == KioskEventType.SIGN_ON || e.getType() == KioskEventType.SIGN_OFF)) {
                byAdvisor.computeIfAbsent(e.getAdvisorPseudonym(), a -> new ArrayList<>()).add(e);
            }
        }
        long total = 0;
        for (List<KioskEvent> advisorEvents : byAdvisor.values()) {
            for (Instant[] duty : dutyIntervals(advisorEvents)) {
                Instant from = duty[0].isAfter(start) ? duty[0] : start;
                Instant to = duty[1].isBefore(end) ? duty[1] : end;
                if (from.isBefore(to)) {
                    total += to.toEpochMilli() - from.toEpochMilli();
                }
            }
        }
        return total;
    }

    /**
     * One advisor's duty intervals: events in time order (sign-on first at equal times); a duty
     * runs from a sign-on to the sign-off or the closing time of the sign-on's local date, whichever
     * is first. While on duty a sign-on changes nothing; while off a sign-off changes nothing.
     */
    List<Instant[]> dutyIntervals(List<KioskEvent> advisorEvents) {
        List<KioskEvent> ordered = new ArrayList<>(advisorEvents);
        ordered.sort(Comparator.comparing(KioskEvent::getEventTime)
                .thenComparing(e -> e.getType() == KioskEventType.SIGN_ON ? 0 : 1));
        List<Instant[]> intervals = new ArrayList<>();
        Instant onSince = null;
        Instant dutyEnd = null;
        for (KioskEvent event : ordered) {
            Instant time = event.getEventTime();
            boolean onDuty = onSince != null && time.isBefore(dutyEnd);
            if (onSince != null && !onDuty) {
                intervals.add(new Instant[] {onSince, dutyEnd}); // ended at closing
                onSince = null;
            }
            if (event.getType() == KioskEventType.SIGN_ON && !onDuty) {
                SiteRegistryVersion version = versions.inForceAt(time);
                if (version == null) {
                    continue;
                }
                LocalDate date = time.atZone(SiteVersions.zone(version)).toLocalDate();
                Instant closing = SiteVersions.closingTime(version, date);
                if (time.isBefore(closing)) {
                    onSince = time;
                    dutyEnd = closing;
                }
            } else if (event.getType() == KioskEventType.SIGN_OFF && onDuty) {
                intervals.add(new Instant[] {onSince, time});
                onSince = null;
            }
        }
        if (onSince != null) {
            intervals.add(new Instant[] {onSince, dutyEnd});
        }
        return intervals;
    }

    /** {check_ins, walk_ins} of the visits whose first check-in is in [start, end); fills their waits in seconds. */
    private static long[] visitsOf(List<SpecificRecord> known, Instant start, Instant end, List<Double> waits) {
        Map<String, KioskEvent> firstCheckIn = new HashMap<>();
        Map<String, List<KioskEvent>> served = new HashMap<>();
        for (SpecificRecord record : known) {
            if (!(record instanceof KioskEvent e) || e.getVisitId() == null) {
                continue;
            }
            if (e.getType() == KioskEventType.CHECK_IN) {
                firstCheckIn.merge(e.getVisitId(), e, WindowCalculator::earlierCheckIn);
            } else if (e.getType() == KioskEventType.SERVED) {
                served.computeIfAbsent(e.getVisitId(), v -> new ArrayList<>()).add(e);
            }
        }
        long checkIns = 0;
        long walkIns = 0;
        for (KioskEvent first : firstCheckIn.values()) {
            if (!within(first.getEventTime(), start, end)) {
                continue;
            }
            checkIns++;
            if (first.getAppointmentRefPseudonym() == null) {
                walkIns++;
            }
            Instant firstServed = null;
            for (KioskEvent s : served.getOrDefault(first.getVisitId(), List.of())) {
                if (!s.getEventTime().isBefore(first.getEventTime())
                        && (firstServed == null || s.getEventTime().isBefore(firstServed))) {
                    firstServed = s.getEventTime();
                }
            }
            if (firstServed != null) {
                waits.add((firstServed.toEpochMilli() - first.getEventTime().toEpochMilli()) / 1000.0);
            }
        }
        return new long[] {checkIns, walkIns};
    }

    private static KioskEvent earlierCheckIn(KioskEvent a, KioskEvent b) {
        int byTime = a.getEventTime().compareTo(b.getEventTime());
        if (byTime != 0) {
            return byTime < 0 ? a : b;
        }
        return a.getEventId().compareTo(b.getEventId()) <= 0 ? a : b;
    }

    /** {due, arrived}: appointments whose latest action (as of T) is not a cancellation and whose scheduled time is in the window. */
    private static long[] appointments(List<SpecificRecord> known, Instant start, Instant end) {
        Map<String, AppointmentEvent> latest = new HashMap<>();
        for (SpecificRecord record : known) {
            if (record instanceof AppointmentEvent e) {
                latest.merge(e.getAppointmentRefPseudonym(), e, WindowCalculator::laterAction);
            }
        }
        long due = 0;
        long arrived = 0;
        for (AppointmentEvent state : latest.values()) {
            if (state.getAction() == AppointmentAction.CANCELLED || !within(state.getScheduledTime(), start, end)) {
                continue;
            }
            due++;
            boolean checkedIn = known.stream().anyMatch(r -> r instanceof KioskEvent k
                    && k.getType() == KioskEventType.CHECK_IN
                    && state.getAppointmentRefPseudonym().equals(k.getAppointmentRefPseudonym()));
            if (checkedIn) {
                arrived++;
            }
        }
        return new long[] {due, arrived};
    }

    private static AppointmentEvent laterAction(AppointmentEvent a, AppointmentEvent b) {
        int byTime = a.getEventTime().compareTo(b.getEventTime());
        if (byTime != 0) {
            return byTime > 0 ? a : b;
        }
        return a.getEventId().compareTo(b.getEventId()) >= 0 ? a : b;
    }

    private static boolean within(Instant time, Instant start, Instant end) {
        return !time.isBefore(start) && time.isBefore(end);
    }
}
