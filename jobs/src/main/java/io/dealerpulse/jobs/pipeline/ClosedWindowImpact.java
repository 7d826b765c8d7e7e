package io.dealerpulse.jobs.pipeline;

import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.KioskEventType;
import io.dealerpulse.jobs.kpi.AppointmentAction;
import io.dealerpulse.jobs.kpi.CheckIn;
import io.dealerpulse.jobs.kpi.RegistryHistory.SlotInForce;
import io.dealerpulse.jobs.kpi.SiteActivity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which closed windows an applied input can change: the slots to recompute. Recomputing every
 * correctable window for each input that can change one (every appointment action, SERVED and
 * appointment check-in, and every late input — while a job catches up, most inputs of the topic that
 * lags behind) made the KPI operator quadratic in a site-day's volume. These are the only windows
 * whose values can move (see docs/kpis.md for the definitions):
 *
 * <ul>
 *   <li>an appointment action changes the state of its appointment as of each day's end from one of
 *       its actions to another, so only the slots scheduled by the appointment's actions can change
 *       their due and arrived counts;</li>
 *   <li>a check-in with a reference makes that appointment arrived in the slots its actions schedule;
 *       as a check-in it may also become its visit's first one (the slots of the visit's check-ins,
 *       its own included);</li>
 *   <li>a SERVED completes the waiting of its visit's first check-in (the slots of the visit's
 *       check-ins);</li>
 *   <li>late, a reception entry changes the visitors of its own slot only;</li>
 *   <li>late, a sign-on or sign-off changes the advisor's duty from its time to the end of its local
 *       day (duty is paired per advisor and day in time order, so nothing before it moves): the slots
 *       of that day ending after it;</li>
 *   <li>a heartbeat, an exit, a feedback press or a kiosk message without its ids changes no window.</li>
 * </ul>
 *
 * A superset is harmless (a recomputed window that did not change is not written again), so the
 * written points are those of recomputing every correctable window; {@code SiteKpiShortcutsTest}
 * checks that point for point. Registry versions, a clock's first or origin-moving input and the first
 * input after a cleanup still recompute every correctable window (see {@code SiteKpiFunction}).
 */
final class ClosedWindowImpact {
    /** Nothing closed can change. */
    static final ClosedWindowImpact NONE = new ClosedWindowImpact(List.of(), null);

    private final List<Instant> instants;
    private final Instant dayFrom;

    private ClosedWindowImpact(List<Instant> instants, Instant dayFrom) {
        this.instants = instants;
        this.dayFrom = dayFrom;
    }

    /**
     * The closed slots {@code input} (already in {@code activity}) can change, applied late or not;
     * null when that cannot be narrowed (an appointment without a reference: recompute every window).
     */
    static ClosedWindowImpact of(SiteInput input, boolean late, SiteActivity activity) {
        if (!ActivityRecords.needed(input)) {
            return NONE; // not kept, so no window reads it
        }
        String ref = null;
        String visit = null;
        List<Instant> instants = new ArrayList<>();
        Instant dayFrom = null;
        switch (input.getStream()) {
            case APPOINTMENT -> {
                ref = input.getAppointment().getAppointmentRefPseudonym();
                if (ref == null) {
                    return null;
                }
            }
            case KIOSK -> {
                KioskEvent kiosk = input.getKiosk();
                switch (kiosk.getType()) {
                    case SIGN_ON, SIGN_OFF -> dayFrom = late ? kiosk.getEventTime() : null;
                    case CHECK_IN -> {
                        visit = kiosk.getVisitId();
                        ref = kiosk.getAppointmentRefPseudonym();
                    }
                    case SERVED -> visit = kiosk.getVisitId();
                    case FEEDBACK -> { }
                }
            }
            case FOOTFALL -> {
                if (late) {
                    instants.add(input.getFootfall().getEventTime());
                }
            }
            default -> { }
        }
        if (ref != null) {
            for (AppointmentAction action : activity.appointmentActions()) {
                if (ref.equals(action.ref())) {
                    instants.add(action.scheduled());
                }
            }
        }
        if (visit != null) {
            for (CheckIn checkIn : activity.checkIns()) {
                if (visit.equals(checkIn.visitId())) {
                    instants.add(checkIn.time());
                }
            }
        }
        return instants.isEmpty() && dayFrom == null ? NONE : new ClosedWindowImpact(instants, dayFrom);
    }

    boolean isEmpty() {
        return instants.isEmpty() && dayFrom == null;
    }

    /** Whether the slot may change. */
    boolean covers(SlotInForce slot) {
        for (Instant t : instants) {
            if (slot.slot().contains(t)) {
                return true;
            }
        }
        return dayFrom != null && slot.slot().end().isAfter(dayFrom)
                && slot.slot().localDate().equals(slot.calendar().calendar().localDate(dayFrom));
    }
}
