package io.dealerpulse.jobs.kpi;

import java.time.Instant;

/** An advisor signing on ({@code signOn}) or off at the reception desk. */
public record DutyEvent(String advisor, Instant time, boolean signOn, String eventId) {}
