package io.dealerpulse.simulator.scenario;

import java.time.Instant;

/** One person crossing the reception door's counting line. */
public record Crossing(Instant time, boolean entering) {}
