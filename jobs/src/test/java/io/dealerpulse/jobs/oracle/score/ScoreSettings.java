package io.dealerpulse.jobs.oracle.score;

import java.time.Duration;

/**
 * The score configuration the expected output depends on, with DESIGN.md's defaults ("KPI model",
 * "Score components"): component weights, minimum samples, the two service targets, the look-back
 * of the rolling components, tier lower bounds and the trend rule.
 */
public record ScoreSettings(
        double satisfactionWeight,
        double waitingWeight,
        double staffingWeight,
        double appointmentsWeight,
        double feedbackWeight,
        int minSurveys,
        int minPresses,
        Duration waitingTarget,
        Duration appointmentTarget,
        int satisfactionDays,
        int feedbackDays,
        double platinumFrom,
        double goldFrom,
        double silverFrom,
        double trendThreshold,
        int trendMinDays) {

    public static final ScoreSettings DEFAULTS = new ScoreSettings(0.35, 0.20, 0.20, 0.15, 0.10, 5, 5,
            Duration.ofMinutes(5), Duration.ofMinutes(10), 30, 7, 90.0, 80.0, 65.0, 2.0, 4);
}
