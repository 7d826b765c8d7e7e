package io.dealerpulse.jobs.kpi;

import java.time.Instant;

/** A customer of a visit served by an advisor. */
public record Served(String visitId, Instant time) {}
