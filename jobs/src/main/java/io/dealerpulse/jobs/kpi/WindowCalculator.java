package io.dealerpulse.jobs.kpi;

import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.kpi.RegistryHistory.VersionedCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

        List<StaffingWindow> windows = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            long visitors = 0;
            for (Entry entry : activity.entries()) {
                if (slot.contains(entry.time())) {
                    visitors += entry.count();
                }
            }
            long checkIns = 0;
            long walkIns = 0;
            List<Long> waiting = new ArrayList<>();
            for (CheckIn first : visits.firstCheckIns()) {
                if (slot.contains(first.time())) {
                    checkIns++;
                    if (first.appointmentRef() == null) {
                        walkIns++;
                    }
                    visits.waitingMillis(first, asOf).ifPresent(waiting::add);
                }
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
