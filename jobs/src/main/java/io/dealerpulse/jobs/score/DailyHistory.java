package io.dealerpulse.jobs.score;

import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A site's daily scores by local date, bounded to the 14 days the trend needs plus the newest day:
 * the trend of D reads D−14…D−1, and a tier change compares D with the latest earlier scored day.
 */
public final class DailyHistory {
    /** One day's daily result. */
    public record Day(double score, boolean valid, Tier tier, Trend trend) {}

    private final NavigableMap<LocalDate, Day> days = new TreeMap<>();

    public DailyHistory put(LocalDate date, Day day) {
        days.put(date, day);
        LocalDate horizon = days.lastKey().minusDays(ScoreOptions.TREND_DAYS);
        days.headMap(horizon, false).clear();
        return this;
    }

    public Optional<Day> get(LocalDate date) {
        return Optional.ofNullable(days.get(date));
    }

    /** Valid daily scores by date (for {@link TrendRule}). */
    public Map<LocalDate, Double> validScores() {
        Map<LocalDate, Double> scores = new TreeMap<>();
        days.forEach((d, day) -> {
            if (day.valid()) {
                scores.put(d, day.score());
            }
        });
        return scores;
    }

    /** The latest date before {@code date} with a valid daily score. */
    public Optional<Map.Entry<LocalDate, Day>> previousScored(LocalDate date) {
        for (Map.Entry<LocalDate, Day> e : days.headMap(date, false).descendingMap().entrySet()) {
            if (e.getValue().valid()) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public NavigableMap<LocalDate, Day> days() {
        return days;
    }
}
