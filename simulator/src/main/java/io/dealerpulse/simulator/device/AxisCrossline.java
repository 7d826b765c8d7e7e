package io.dealerpulse.simulator.device;

import java.time.Instant;

/**
 * What an AXIS Object Analytics crossline scenario reports for one crossing: the scenario
 * ({@code Device1Scenario1} = entries, {@code Device1Scenario2} = exits), the time of the last reset
 * and the cumulative count of people since then.
 */
public record AxisCrossline(Instant time, String scenario, Instant startTime, long totalHuman) {
    public static final String IN_SCENARIO = "Device1Scenario1";
    public static final String OUT_SCENARIO = "Device1Scenario2";
}
