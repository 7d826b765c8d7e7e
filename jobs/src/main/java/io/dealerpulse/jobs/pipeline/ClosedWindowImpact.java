package io.dealerpulse.jobs.pipeline;

import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.KioskEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which closed windows an on-time input that {@link ActivityRecords#canChangeClosedWindows can change
 * closed windows} may change, as the instants whose slots must be recomputed. Recomputing every
 * correctable window for each such input (a quarter of the input: every appointment action) made the
 * KPI operator quadratic in a site-day's volume; these are the only windows whose values can move:
 *
 * <ul>
 *   <li>an appointment action changes the state of its appointment as of each day's end from one of
 *       its actions to another, so only the slots scheduled by the appointment's actions can change
 *       their due and arrived counts;</li>
 *   <li>a check-in with a reference makes that appointment arrived in the slots its actions schedule;
 *       as a check-in it may also become its visit's first one (the slots of the visit's check-ins);</li>
 *   <li>a SERVED completes the waiting of its visit's first check-in (the slots of the visit's
 *       check-ins).</li>
 * </ul>
 *
 * A superset is harmless (a recomputed window that did not change is not written again). Late
 * inputs, registry versions and a clock's first or origin-moving input still recompute every
 * correctable window (see {@code SiteKpiFunction}).
 */
final class ClosedWindowImpact {
    private ClosedWindowImpact() {}

    /**
     * Instants whose slots {@code input} can change, from the retained events (which include it); null
     * when that cannot be narrowed (an appointment without a reference: recompute every window).
     */
    static List<Instant> instants(SiteInput input, Iterable<SiteInput> retained) {
        String ref = null;
        String visit = null;
        switch (input.getStream()) {
            case APPOINTMENT -> {
                ref = input.getAppointment().getAppointmentRefPseudonym();
                if (ref == null) {
                    return null;
                }
            }
            case KIOSK -> {
                KioskEvent kiosk = input.getKiosk();
                visit = kiosk.getVisitId();
                if (kiosk.getType() == KioskEventType.CHECK_IN) {
                    ref = kiosk.getAppointmentRefPseudonym();
                }
            }
            default -> { }
        }
        List<Instant> instants = new ArrayList<>();
        if (ref == null && visit == null) {
            return instants;
        }
        for (SiteInput event : retained) {
            if (ref != null && event.getStream() == SourceStream.APPOINTMENT) {
                AppointmentEvent appointment = event.getAppointment();
                if (ref.equals(appointment.getAppointmentRefPseudonym())) {
                    instants.add(appointment.getScheduledTime());
                }
            } else if (visit != null && event.getStream() == SourceStream.KIOSK) {
                KioskEvent kiosk = event.getKiosk();
                if (kiosk.getType() == KioskEventType.CHECK_IN && Objects.equals(visit, kiosk.getVisitId())) {
                    instants.add(kiosk.getEventTime());
                }
            }
        }
        return instants;
    }
}
