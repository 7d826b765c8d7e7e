package io.dealerpulse.jobs.score;

import java.time.LocalDate;
import java.util.Map;

/**
 * Trend of date D: mean daily score of the completed days D−7…D−1 minus the mean of D−14…D−8, days
 * without a daily score skipped; &gt; +threshold improving, &lt; −threshold declining, else stable;
 * {@code insufficient_data} when either block has fewer than the minimum daily scores (default 4).
 * The comparison is on unrounded means.
 */
public final class TrendRule {
    private final ScoreOptions options;

    public TrendRule(ScoreOptions options) {
        this.options = options;
    }

    /** @param dailyScores valid daily scores by local date (other dates are ignored) */
    public Trend of(LocalDate date, Map<LocalDate, Double> dailyScores) {
        double[] recent = block(date.minusDays(7), date.minusDays(1), dailyScores);
        double[] earlier = block(date.minusDays(14), date.minusDays(8), dailyScores);
        if (recent[1] < options.trendMinimumDays() || earlier[1] < options.trendMinimumDays()) {
            return Trend.INSUFFICIENT_DATA;
        }
        double change = recent[0] / recent[1] - earlier[0] / earlier[1];
        if (change > options.trendThreshold()) {
            return Trend.IMPROVING;
        }
        return change < -options.trendThreshold() ? Trend.DECLINING : Trend.STABLE;
    }

    /** {sum, count} of the scores of the dates in [from, to]. */
    private static double[] block(LocalDate from, LocalDate to, Map<LocalDate, Double> scores) {
        double sum = 0;
        int count = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Double score = scores.get(d);
            if (score != null) {
                sum += score;
                count++;
            }
        }
        return new double[] {sum, count};
    }
}
