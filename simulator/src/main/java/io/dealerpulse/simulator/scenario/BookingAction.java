package io.dealerpulse.simulator.scenario;

import java.time.Instant;

/** One row of the booking system's export: an action on an appointment. */
public record BookingAction(String appointmentRef, String action, Instant scheduledTime, Instant actionTime) {
    public static final String BOOKED = "BOOKED";
    public static final String RESCHEDULED = "RESCHEDULED";
    public static final String CANCELLED = "CANCELLED";
}
