package io.dealerpulse.jobs.scenario.network;

/**
 * A dealership of the network scenario and its service quality over the scenario: {@code quality}
 * goes linearly from {@code qualityFirstDay} to {@code qualityLastDay} and drives the chance that a
 * customer is served quickly, a window is well staffed, a press or survey is positive — so some
 * sites improve, some slip, and their tiers and trends change.
 */
public record NetworkSite(String id, String region, String investorGroup, boolean openOnSundays,
        double qualityFirstDay, double qualityLastDay) {

    double quality(int dayIndex, int days) {
        return qualityFirstDay + (qualityLastDay - qualityFirstDay) * dayIndex / Math.max(1, days - 1);
    }
}
