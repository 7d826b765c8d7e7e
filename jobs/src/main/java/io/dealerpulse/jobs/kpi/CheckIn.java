package io.dealerpulse.jobs.kpi;

import java.time.Instant;

/** A customer check-in; {@code appointmentRef} is null for a check-in without a reference. */
public record CheckIn(String visitId, Instant time, String eventId, String appointmentRef) {}
