package io.dealerpulse.simulator.device;

import java.time.Instant;

/**
 * One periodic report of a Milesight VS12x for its reception line: people in and out within
 * [start, end), and the cumulative totals since the counter's daily reset.
 *
 * @param publishAt when the device sends it: at {@code end}, or later after an offline period
 */
public record MilesightReport(Instant start, Instant end, int in, int out, long totalIn, long totalOut,
        Instant publishAt) {}
