package io.dealerpulse.demo.view;

/**
 * The latest known state of one site, as shown in the live view.
 *
 * @param windowStartMillis start of the latest staffing window received (0 when none yet)
 * @param score null until the jobs write live site scores
 */
public record SiteRow(String site, String region, long windowStartMillis, String localTime, long visitors,
        double staffOnDuty, Double visitorsPerStaff, String status, long windows, Double score, String tier,
        String trend) {}
