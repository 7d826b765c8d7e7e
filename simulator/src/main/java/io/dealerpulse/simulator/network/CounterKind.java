package io.dealerpulse.simulator.network;

/** Which real door counter a site has at its reception door. */
public enum CounterKind {
    /** AXIS camera with Object Analytics crossline counting: one message per crossing, cumulative totals. */
    AXIS,
    /** Milesight VS12x: periodic reports with per-interval counts and cumulative totals. */
    MILESIGHT
}
