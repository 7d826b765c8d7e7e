package io.dealerpulse.jobs.app;

import static io.dealerpulse.jobs.app.JobOptions.SCORE_COMPARISON_GRACE;
import static io.dealerpulse.jobs.app.JobOptions.SCORE_MINIMUM_FEEDBACK;
import static io.dealerpulse.jobs.app.JobOptions.SCORE_MINIMUM_SURVEYS;
import static io.dealerpulse.jobs.app.JobOptions.SCORE_TIER_GOLD;
import static io.dealerpulse.jobs.app.JobOptions.SCORE_TIER_PLATINUM;
import static io.dealerpulse.jobs.app.JobOptions.SCORE_TIER_SILVER;
import static io.dealerpulse.jobs.app.JobOptions.SCORE_TREND_MINIMUM_DAYS;
import static io.dealerpulse.jobs.app.JobOptions.SCORE_TREND_THRESHOLD;

import io.dealerpulse.jobs.app.JobOptions.Key;
import io.dealerpulse.jobs.score.ComponentName;
import io.dealerpulse.jobs.score.ScoreOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.TimeUtils;

/**
 * Reads the {@code score.*} keys of {@link JobOptions} into {@link ScoreOptions}. {@link #check} adds
 * one problem line per wrong key (unreadable, out of range, or inconsistent with another key) so the
 * job refuses to start with every mistake listed; {@link #read} then builds the options.
 */
final class ScoreOptionKeys {
    static final Map<ComponentName, Key> WEIGHTS = weights();

    private ScoreOptionKeys() {}

    private static Map<ComponentName, Key> weights() {
        Map<ComponentName, Key> weights = new EnumMap<>(ComponentName.class);
        weights.put(ComponentName.SATISFACTION, JobOptions.SCORE_WEIGHT_SATISFACTION);
        weights.put(ComponentName.WAITING, JobOptions.SCORE_WEIGHT_WAITING);
        weights.put(ComponentName.STAFFING, JobOptions.SCORE_WEIGHT_STAFFING);
        weights.put(ComponentName.APPOINTMENTS, JobOptions.SCORE_WEIGHT_APPOINTMENTS);
        weights.put(ComponentName.FEEDBACK, JobOptions.SCORE_WEIGHT_FEEDBACK);
        return weights;
    }

    static void check(Map<String, String> values, List<String> problems) {
        List<String> found = new ArrayList<>();
        Map<ComponentName, Double> weights = new EnumMap<>(ComponentName.class);
        boolean weightsReadable = true;
        for (Map.Entry<ComponentName, Key> w : WEIGHTS.entrySet()) {
            Double value = decimal(values, w.getValue(), found);
            if (value == null) {
                weightsReadable = false;
            } else if (value < 0) {
                found.add(w.getValue().name() + ": " + value + " is negative; a weight is 0 (component ignored) or more");
                weightsReadable = false;
            } else {
                weights.put(w.getKey(), value);
            }
        }
        if (weightsReadable && weights.values().stream().allMatch(v -> v == 0)) {
            found.add("score.weight.*: all five weights are 0, so no score could be computed; give at least one"
                    + " component a weight above 0");
        }
        Integer surveys = integer(values, SCORE_MINIMUM_SURVEYS, found);
        atLeast(SCORE_MINIMUM_SURVEYS, surveys, 1, found);
        Integer feedback = integer(values, SCORE_MINIMUM_FEEDBACK, found);
        atLeast(SCORE_MINIMUM_FEEDBACK, feedback, 1, found);
        Double platinum = decimal(values, SCORE_TIER_PLATINUM, found);
        Double gold = decimal(values, SCORE_TIER_GOLD, found);
        Double silver = decimal(values, SCORE_TIER_SILVER, found);
        if (platinum != null && gold != null && silver != null && !(platinum > gold && gold > silver)) {
            found.add("score.tier.*: the bounds must decrease, platinum > gold > silver; got " + platinum + " / " + gold
                    + " / " + silver);
        }
        Double threshold = decimal(values, SCORE_TREND_THRESHOLD, found);
        if (threshold != null && threshold < 0) {
            found.add(SCORE_TREND_THRESHOLD.name() + ": " + threshold + " is negative; write 0 or more points");
        }
        Integer days = integer(values, SCORE_TREND_MINIMUM_DAYS, found);
        if (days != null && (days < 1 || days > 7)) {
            found.add(SCORE_TREND_MINIMUM_DAYS.name() + ": " + days + " is outside 1..7 (a block has 7 days)");
        }
        String grace = get(values, SCORE_COMPARISON_GRACE);
        try {
            if (TimeUtils.parseDuration(grace).isNegative()) {
                found.add(SCORE_COMPARISON_GRACE.name() + ": '" + grace + "' is negative");
            }
        } catch (IllegalArgumentException e) {
            found.add(SCORE_COMPARISON_GRACE.name() + ": '" + grace + "' is not a duration; write e.g. 30 min, 2 h");
        }
        problems.addAll(found);
    }

    /** The options of checked values (call {@link #check} first). */
    static ScoreOptions read(Map<String, String> values) {
        Map<ComponentName, Double> weights = new EnumMap<>(ComponentName.class);
        WEIGHTS.forEach((name, key) -> weights.put(name, Double.parseDouble(get(values, key))));
        return ScoreOptions.defaults()
                .withWeights(weights)
                .withMinimumSurveys(Integer.parseInt(get(values, SCORE_MINIMUM_SURVEYS)))
                .withMinimumFeedback(Integer.parseInt(get(values, SCORE_MINIMUM_FEEDBACK)))
                .withTierBounds(Double.parseDouble(get(values, SCORE_TIER_PLATINUM)),
                        Double.parseDouble(get(values, SCORE_TIER_GOLD)), Double.parseDouble(get(values, SCORE_TIER_SILVER)))
                .withTrendThreshold(Double.parseDouble(get(values, SCORE_TREND_THRESHOLD)))
                .withTrendMinimumDays(Integer.parseInt(get(values, SCORE_TREND_MINIMUM_DAYS)))
                .withComparisonGrace(Duration.ofMillis(TimeUtils.parseDuration(get(values, SCORE_COMPARISON_GRACE)).toMillis()));
    }

    private static String get(Map<String, String> values, Key key) {
        return values.getOrDefault(key.name(), key.defaultValue());
    }

    private static Double decimal(Map<String, String> values, Key key, List<String> problems) {
        String text = get(values, key);
        try {
            double value = Double.parseDouble(text);
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                problems.add(key.name() + ": '" + text + "' is not a finite number");
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(key.name() + ": '" + text + "' is not a number; write e.g. 0.25");
            return null;
        }
    }

    private static Integer integer(Map<String, String> values, Key key, List<String> problems) {
        String text = get(values, key);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            problems.add(key.name() + ": '" + text + "' is not a whole number");
            return null;
        }
    }

    private static void atLeast(Key key, Integer value, int minimum, List<String> problems) {
        if (value != null && value < minimum) {
            problems.add(key.name() + ": " + value + " must be at least " + minimum);
        }
    }
}
