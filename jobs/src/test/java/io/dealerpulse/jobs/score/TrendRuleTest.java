package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendRuleTest {
    private static final LocalDate D = LocalDate.of(2026, 6, 15);
    private final TrendRule rule = new TrendRule(ScoreOptions.defaults());

    /** Daily scores: {@code recent} on D−7…D−1, {@code earlier} on D−14…D−8, for the given number of days each. */
    private static Map<LocalDate, Double> blocks(double earlier, int earlierDays, double recent, int recentDays) {
        Map<LocalDate, Double> scores = new HashMap<>();
        for (int i = 0; i < recentDays; i++) {
            scores.put(D.minusDays(1 + i), recent);
        }
        for (int i = 0; i < earlierDays; i++) {
            scores.put(D.minusDays(8 + i), earlier);
        }
        return scores;
    }

    @Test
    void changeOfExactlyTwoPointsIsStable() {
        assertThat(rule.of(D, blocks(70.0, 7, 72.0, 7))).isEqualTo(Trend.STABLE);
        assertThat(rule.of(D, blocks(72.0, 7, 70.0, 7))).isEqualTo(Trend.STABLE);
    }

    @Test
    void moreThanTwoPointsImprovesOrDeclines() {
        assertThat(rule.of(D, blocks(70.0, 7, 72.01, 7))).isEqualTo(Trend.IMPROVING);
        assertThat(rule.of(D, blocks(72.01, 7, 70.0, 7))).isEqualTo(Trend.DECLINING);
    }

    @Test
    void eachBlockNeedsFourDailyScores() {
        assertThat(rule.of(D, blocks(50.0, 3, 90.0, 7))).isEqualTo(Trend.INSUFFICIENT_DATA);
        assertThat(rule.of(D, blocks(50.0, 7, 90.0, 3))).isEqualTo(Trend.INSUFFICIENT_DATA);
        assertThat(rule.of(D, blocks(50.0, 4, 90.0, 4))).isEqualTo(Trend.IMPROVING);
    }

    @Test
    void daysWithoutScoreAreSkippedAndDayDItselfAndOlderDaysIgnored() {
        Map<LocalDate, Double> scores = blocks(60.0, 4, 60.0, 4);
        scores.put(D, 0.0);               // D itself is not a completed day of either block
        scores.put(D.minusDays(15), 0.0); // outside both blocks
        scores.put(D.minusDays(2), 66.0); // replaces one recent 60: mean (60·3 + 66)/4 = 61.5 → stable
        assertThat(rule.of(D, scores)).isEqualTo(Trend.STABLE);
        scores.put(D.minusDays(3), 66.0); // (60·2 + 66·2)/4 = 63 → improving
        assertThat(rule.of(D, scores)).isEqualTo(Trend.IMPROVING);
    }

    @Test
    void thresholdAndMinimumDaysAreConfigurable() {
        TrendRule strict = new TrendRule(ScoreOptions.defaults().withTrendThreshold(5).withTrendMinimumDays(2));
        assertThat(strict.of(D, blocks(70.0, 2, 74.0, 2))).isEqualTo(Trend.STABLE);
        assertThat(strict.of(D, blocks(70.0, 2, 75.5, 2))).isEqualTo(Trend.IMPROVING);
    }
}
