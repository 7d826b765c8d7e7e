package io.dealerpulse.jobs.kpi;

import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.kpi.RegistryHistory.VersionedCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes staffing windows of one local date, as of the end of that date (every event before the
 * next local midnight), from a site's activity and the registry version in force at the windows'
 * start. Pure arithmetic: no Flink types, no clock.
 */
public final class WindowCalculator {
    /** Investor-group tag of an independent site. */
    public static final String NO_INVESTOR_GROUP = "none";

    private static final long SLOT_MILLIS = SiteCalendar.SLOT.toMillis();
    private static final long[] NO_APPOINTMENTS = new long[2];

    private WindowCalculator() {}

    /** Start of the slot containing {@code t}, for an instant of the local date starting at {@code dayStart}. */
    private static long slotStart(long dayStart, long t) {
        return dayStart + (t - dayStart) / SLOT_MILLIS * SLOT_MILLIS;
    }

    /**
     * @param slots slots of {@code date} (open ones, under {@code version}) to compute
     */
    public static List<StaffingWindow> compute(VersionedCalendar version, LocalDate date, List<Slot> slots,
            SiteActivity activity) {
        SiteCalendar calendar = version.calendar();
        SiteRegistryVersion registry = version.version();
        Instant dayStart = calendar.dayStart(date);
        Instant asOf = calendar.dayEnd(date);
        DutyTimeline duty = DutyTimeline.of(activity.dutyEvents(), calendar, date);
        VisitTracker visits = new VisitTracker(activity.checkIns(), activity.served());
        AppointmentBook appointments = new AppointmentBook(activity.appointmentActions());
        Set<String> checkedInRefs = new HashSet<>();
        for (CheckIn checkIn : activity.checkIns()) {
            if (checkIn.appointmentRef() != null && checkIn.time().isBefore(asOf)) {
                checkedInRefs.add(checkIn.appointmentRef());
            }
        }

        // Bucket the day's events by slot once, instead of scanning every event for every slot. An
        // instant in [dayStart, asOf) lies on this local date, so its slot is the
        // ((t - dayStart) / 15 min)-th one: the slot calendar.slotContaining(t) gives, without the
        // zone lookups (the slots passed in are this date's slots of the same calendar).
        long dayStartMillis = dayStart.toEpochMilli();
        long asOfMillis = asOf.toEpochMilli();
        Map<Long, Long> visitorsBySlot = new HashMap<>();
        for (Entry entry : activity.entries()) {
            long t = entry.time().toEpochMilli();
            if (t >= dayStartMillis && t < asOfMillis) {
                visitorsBySlot.merge(slotStart(dayStartMillis, t), (long) entry.count(), Long::sum);
            }
        }
        Map<Long, List<CheckIn>> visitsBySlot = new HashMap<>();
        for (CheckIn first : visits.firstCheckIns()) {
            long t = first.time().toEpochMilli();
            if (t >= dayStartMillis && t < asOfMillis) {
                visitsBySlot.computeIfAbsent(slotStart(dayStartMillis, t), s -> new ArrayList<>()).add(first);
            }
        }
        // Appointments due per slot: non-cancelled states (as of the day's end) scheduled in the slot.
        Map<Long, long[]> dueAndArrivedBySlot = new HashMap<>();
        for (AppointmentAction state : appointments.statesAsOf(asOf)) {
            long scheduled = state.scheduled().toEpochMilli();
            if (state.kind() != AppointmentAction.Kind.CANCELLED && scheduled >= dayStartMillis && scheduled < asOfMillis) {
                long[] counts = dueAndArrivedBySlot.computeIfAbsent(slotStart(dayStartMillis, scheduled), s -> new long[2]);
                counts[0]++;
                if (checkedInRefs.contains(state.ref())) {
                    counts[1]++;
                }
            }
        }

        List<StaffingWindow> windows = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            long slotKey = slot.start().toEpochMilli();
            long visitors = visitorsBySlot.getOrDefault(slotKey, 0L);
            long checkIns = 0;
            long walkIns = 0;
            List<Long> waiting = new ArrayList<>();
            for (CheckIn first : visitsBySlot.getOrDefault(slotKey, List.of())) {
                checkIns++;
                if (first.appointmentRef() == null) {
                    walkIns++;
                }
                visits.waitingMillis(first, asOf).ifPresent(waiting::add);
            }
            long[] dueAndArrived = dueAndArrivedBySlot.getOrDefault(slotKey, NO_APPOINTMENTS);
            long due = dueAndArrived[0];
            long arrived = dueAndArrived[1];
            double staff = duty.staffOnDuty(slot);
            StaffingStatus.Assessment assessment =
                    StaffingStatus.assess(visitors, staff, registry.getTargetMin(), registry.getTargetMax());
            WaitingStats stats = WaitingStats.ofMillis(waiting);
            windows.add(new StaffingWindow(
                    registry.getSiteId(),
                    registry.getRegion(),
                    registry.getInvestorGroup() == null ? NO_INVESTOR_GROUP : registry.getInvestorGroup(),
                    registry.getCountry(),
                    slot.start(),
                    slot.end(),
                    date,
                    slot.start().atZone(calendar.zone()).getHour(),
                    calendar.utcOffsetMinutes(slot.start()),
                    visitors,
                    staff,
                    assessment.ratio(),
                    assessment.ratioValid(),
                    assessment.unstaffed(),
                    assessment.status(),
                    checkIns,
                    walkIns,
                    due,
                    arrived,
                    stats.served(),
                    stats.meanSeconds(),
                    stats.p90Seconds(),
                    registry.getTargetMin(),
                    registry.getTargetMax()));
        }
        return windows;
    }
}
