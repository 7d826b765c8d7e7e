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

    private WindowCalculator() {}

    /**
     * @param slots slots of {@code date} (open ones, under {@code version}) to compute
     */
    public static List<StaffingWindow> compute(VersionedCalendar version, LocalDate date, List<Slot> slots,
            SiteActivity activity) {
        SiteCalendar calendar = version.calendar();
        SiteRegistryVersion registry = version.version();
        Instant asOf = calendar.dayEnd(date);
        DutyTimeline duty = DutyTimeline.of(activity.dutyEvents(), calendar, date);
        VisitTracker visits = new VisitTracker(activity.checkIns(), activity.served());
        AppointmentBook appointments = new AppointmentBook(activity.appointmentActions());
        List<AppointmentAction> states = List.copyOf(appointments.statesAsOf(asOf));
        Set<String> checkedInRefs = new HashSet<>();
        for (CheckIn checkIn : activity.checkIns()) {
            if (checkIn.appointmentRef() != null && checkIn.time().isBefore(asOf)) {
                checkedInRefs.add(checkIn.appointmentRef());
            }
        }

        // Bucket the day's events by slot start once, instead of scanning every event for every slot.
        Map<Instant, Long> visitorsBySlot = new HashMap<>();
        for (Entry entry : activity.entries()) {
            if (!entry.time().isBefore(calendar.dayStart(date)) && entry.time().isBefore(asOf)) {
                visitorsBySlot.merge(calendar.slotContaining(entry.time()).start(), (long) entry.count(), Long::sum);
            }
        }
        Map<Instant, List<CheckIn>> visitsBySlot = new HashMap<>();
        for (CheckIn first : visits.firstCheckIns()) {
            if (!first.time().isBefore(calendar.dayStart(date)) && first.time().isBefore(asOf)) {
                visitsBySlot.computeIfAbsent(calendar.slotContaining(first.time()).start(), s -> new ArrayList<>())
                        .add(first);
            }
        }

        List<StaffingWindow> windows = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            long visitors = visitorsBySlot.getOrDefault(slot.start(), 0L);
            long checkIns = 0;
            long walkIns = 0;
            List<Long> waiting = new ArrayList<>();
            for (CheckIn first : visitsBySlot.getOrDefault(slot.start(), List.of())) {
                checkIns++;
                if (first.appointmentRef() == null) {
                    walkIns++;
                }
                visits.waitingMillis(first, asOf).ifPresent(waiting::add);
            }
            long due = 0;
            long arrived = 0;
            for (AppointmentAction state : states) {
                if (state.kind() != AppointmentAction.Kind.CANCELLED && slot.contains(state.scheduled())) {
                    due++;
                    if (checkedInRefs.contains(state.ref())) {
                        arrived++;
                    }
                }
            }
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
