package io.dealerpulse.jobs.kpi;

import java.time.Instant;

/** People entering through a reception door (the only footfall that counts as visitors). */
public record Entry(Instant time, int count) {}
