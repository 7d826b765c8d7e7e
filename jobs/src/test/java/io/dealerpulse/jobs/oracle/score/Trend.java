package io.dealerpulse.jobs.oracle.score;

import java.time.LocalDate;
import java.util.Map;

/**
 * The trend of local date D: mean daily score of D−7…D−1 minus that of D−14…D−8, days without a
 * score skipped; "insufficient_data" when either block has fewer than the minimum days (4).
 */
public final class Trend {
    public static final String IMPROVING = "improving";
    public static final String STABLE = "stable";
    public static final String DECLINING = "declining";
    public static final String INSUFFICIENT_DATA = "insufficient_data";

    private Trend() {}

    /** {@code dailyScores}: local date → daily score, only days that have one. */
    public static String of(Map<LocalDate, Double> dailyScores, LocalDate day, ScoreSettings settings) {
        double[] recent = block(dailyScores, day.minusDays(7), day.minusDays(1));
        double[] before = block(dailyScores, day.minusDays(14), day.minusDays(8));
        if (recent[1] < settings.trendMinDays() || before[1] < settings.trendMinDays()) {
            return INSUFFICIENT_DATA;
        }
        double difference = recent[0] / recent[1] - before[0] / before[1];
        if (difference > settings.trendThreshold()) {
            return IMPROVING;
        }
        if (difference < -settings.trendThreshold()) {
            return DECLINING;
        }
        return STABLE;
    }

    /** {sum, count} of the scores of [from, to]. */
    private static double[] block(Map<LocalDate, Double> dailyScores, LocalDate from, LocalDate to) {
        double sum = 0;
        int count = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Double score = dailyScores.get(d);
            if (score != null) {
                sum += score;
                count++;
            }
        }
        return new double[] {sum, count};
    }
}
