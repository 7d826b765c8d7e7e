package io.dealerpulse.jobs.kpi;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Appointment states: an appointment's state as of T is its latest action with action time before T
 * (ties: greatest event id). Cancelled → never due; booked or rescheduled → due at its scheduled
 * time, so a reschedule after a cancellation reactivates it.
 */
public final class AppointmentBook {
    private final Collection<AppointmentAction> actions;

    public AppointmentBook(Collection<AppointmentAction> actions) {
        this.actions = actions;
    }

    /** The current state of every appointment with an action before {@code asOfExclusive}. */
    public Collection<AppointmentAction> statesAsOf(Instant asOfExclusive) {
        Map<String, AppointmentAction> latest = new HashMap<>();
        for (AppointmentAction action : actions) {
            if (action.actionTime().isBefore(asOfExclusive)) {
                latest.merge(action.ref(), action, (a, b) -> b.isAfter(a) ? b : a);
            }
        }
        return latest.values();
    }
}
