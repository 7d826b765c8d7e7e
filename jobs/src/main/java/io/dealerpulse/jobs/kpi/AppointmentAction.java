package io.dealerpulse.jobs.kpi;

import java.time.Instant;

/** One booking-system action; {@code scheduled} is the scheduled time after it. */
public record AppointmentAction(String ref, Kind kind, Instant scheduled, Instant actionTime, String eventId) {
    public enum Kind { BOOKED, RESCHEDULED, CANCELLED }

    /** Orders actions of one appointment: by action time, then event id (the greatest is the state). */
    public boolean isAfter(AppointmentAction other) {
        int byTime = actionTime.compareTo(other.actionTime);
        return byTime != 0 ? byTime > 0 : eventId.compareTo(other.eventId) > 0;
    }
}
