package io.dealerpulse.jobs.score;

import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The configurable parts of the score model (DESIGN.md "KPI model": weights, thresholds, minimum
 * samples and tier bounds are configuration). Immutable; change a setting with a {@code with…} method.
 *
 * <ul>
 *   <li>weights (defaults satisfaction 0.35, waiting 0.20, staffing 0.20, appointments 0.15,
 *       feedback 0.10): only their ratios matter, the score divides by the weights of the components
 *       with data;</li>
 *   <li>{@code minimumSurveys} / {@code minimumFeedback} (5 / 5): fewer → that component has no data;</li>
 *   <li>tier lower bounds, inclusive (90 / 80 / 65);</li>
 *   <li>{@code trendThreshold} (2 points) and {@code trendMinimumDays} (4 daily scores per 7-day block);</li>
 *   <li>{@code comparisonGrace} (2 h of processing time): daily comparisons of a date are written
 *       flagged partial when not every known site has closed that date by then.</li>
 * </ul>
 */
public final class ScoreOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Surveys count over the 30 local days ending today, feedback over 7 (DESIGN.md). */
    public static final int SATISFACTION_DAYS = 30;
    public static final int FEEDBACK_DAYS = 7;
    /** A customer served within 5 min of check-in is served in time. */
    public static final long WAITING_LIMIT_MILLIS = Duration.ofMinutes(5).toMillis();
    /** An appointment is kept when served within 10 min of the later of scheduled time and check-in. */
    public static final long APPOINTMENT_LIMIT_MILLIS = Duration.ofMinutes(10).toMillis();
    /** Daily scores kept per site for the trend (two 7-day blocks). */
    public static final int TREND_DAYS = 14;

    private EnumMap<ComponentName, Double> weights = new EnumMap<>(ComponentName.class);
    private int minimumSurveys = 5;
    private int minimumFeedback = 5;
    private double platinumFrom = 90;
    private double goldFrom = 80;
    private double silverFrom = 65;
    private double trendThreshold = 2;
    private int trendMinimumDays = 4;
    private long comparisonGraceMillis = Duration.ofHours(2).toMillis();

    private ScoreOptions() {
        weights.put(ComponentName.SATISFACTION, 0.35);
        weights.put(ComponentName.WAITING, 0.20);
        weights.put(ComponentName.STAFFING, 0.20);
        weights.put(ComponentName.APPOINTMENTS, 0.15);
        weights.put(ComponentName.FEEDBACK, 0.10);
    }

    public static ScoreOptions defaults() {
        return new ScoreOptions();
    }

    private ScoreOptions copy() {
        ScoreOptions c = new ScoreOptions();
        c.weights = new EnumMap<>(weights);
        c.minimumSurveys = minimumSurveys;
        c.minimumFeedback = minimumFeedback;
        c.platinumFrom = platinumFrom;
        c.goldFrom = goldFrom;
        c.silverFrom = silverFrom;
        c.trendThreshold = trendThreshold;
        c.trendMinimumDays = trendMinimumDays;
        c.comparisonGraceMillis = comparisonGraceMillis;
        return c;
    }

    /** Replaces the weights; every component needs one, each ≥ 0, and their sum must be > 0. */
    public ScoreOptions withWeights(Map<ComponentName, Double> newWeights) {
        ScoreOptions c = copy();
        double sum = 0;
        for (ComponentName name : ComponentName.values()) {
            Double w = newWeights.get(name);
            require(w != null && w >= 0 && !w.isNaN(), "weight of " + name.field() + " must be a number >= 0, got " + w);
            c.weights.put(name, w);
            sum += w;
        }
        require(sum > 0, "the score weights must not all be 0");
        return c;
    }

    public ScoreOptions withMinimumSurveys(int value) {
        require(value >= 1, "minimum surveys must be >= 1, got " + value);
        ScoreOptions c = copy();
        c.minimumSurveys = value;
        return c;
    }

    public ScoreOptions withMinimumFeedback(int value) {
        require(value >= 1, "minimum feedback presses must be >= 1, got " + value);
        ScoreOptions c = copy();
        c.minimumFeedback = value;
        return c;
    }

    /** Inclusive lower bounds of Platinum, Gold and Silver; must be decreasing. */
    public ScoreOptions withTierBounds(double platinum, double gold, double silver) {
        require(platinum > gold && gold > silver, "tier bounds must decrease (platinum > gold > silver), got "
                + platinum + " / " + gold + " / " + silver);
        ScoreOptions c = copy();
        c.platinumFrom = platinum;
        c.goldFrom = gold;
        c.silverFrom = silver;
        return c;
    }

    public ScoreOptions withTrendThreshold(double points) {
        require(points >= 0, "trend threshold must be >= 0, got " + points);
        ScoreOptions c = copy();
        c.trendThreshold = points;
        return c;
    }

    public ScoreOptions withTrendMinimumDays(int days) {
        require(days >= 1 && days <= 7, "trend minimum days must be in 1..7, got " + days);
        ScoreOptions c = copy();
        c.trendMinimumDays = days;
        return c;
    }

    public ScoreOptions withComparisonGrace(Duration grace) {
        require(!grace.isNegative(), "comparison grace must be >= 0, got " + grace);
        ScoreOptions c = copy();
        c.comparisonGraceMillis = grace.toMillis();
        return c;
    }

    public double weight(ComponentName name) {
        return weights.get(name);
    }

    public int minimumSurveys() {
        return minimumSurveys;
    }

    public int minimumFeedback() {
        return minimumFeedback;
    }

    public double platinumFrom() {
        return platinumFrom;
    }

    public double goldFrom() {
        return goldFrom;
    }

    public double silverFrom() {
        return silverFrom;
    }

    public double trendThreshold() {
        return trendThreshold;
    }

    public int trendMinimumDays() {
        return trendMinimumDays;
    }

    public Duration comparisonGrace() {
        return Duration.ofMillis(comparisonGraceMillis);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoreOptions other && weights.equals(other.weights)
                && minimumSurveys == other.minimumSurveys && minimumFeedback == other.minimumFeedback
                && platinumFrom == other.platinumFrom && goldFrom == other.goldFrom && silverFrom == other.silverFrom
                && trendThreshold == other.trendThreshold && trendMinimumDays == other.trendMinimumDays
                && comparisonGraceMillis == other.comparisonGraceMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(weights, minimumSurveys, minimumFeedback, platinumFrom, goldFrom, silverFrom,
                trendThreshold, trendMinimumDays, comparisonGraceMillis);
    }

    @Override
    public String toString() {
        return "ScoreOptions{weights=" + weights + ", minimumSurveys=" + minimumSurveys + ", minimumFeedback="
                + minimumFeedback + ", tiers=" + platinumFrom + "/" + goldFrom + "/" + silverFrom + ", trendThreshold="
                + trendThreshold + ", trendMinimumDays=" + trendMinimumDays + ", comparisonGrace=" + comparisonGrace()
                + "}";
    }
}
