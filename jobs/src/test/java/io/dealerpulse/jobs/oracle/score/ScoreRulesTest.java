package io.dealerpulse.jobs.oracle.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Tier bounds, the trend rule and rank/percentile, on values. */
class ScoreRulesTest {
    private static final ScoreSettings S = ScoreSettings.DEFAULTS;
    private static final LocalDate D = LocalDate.of(2026, 4, 1);

    @Test
    void tierBoundsAreInclusiveLowerBoundsOnTheUnroundedScore() {
        assertThat(Tier.of(90.0, S)).isEqualTo(Tier.PLATINUM);
        assertThat(Tier.of(89.99, S)).isEqualTo(Tier.GOLD);
        assertThat(Tier.of(89.99999999, S)).isEqualTo(Tier.GOLD);
        assertThat(Tier.of(80.0, S)).isEqualTo(Tier.GOLD);
        assertThat(Tier.of(79.999, S)).isEqualTo(Tier.SILVER);
        assertThat(Tier.of(65.0, S)).isEqualTo(Tier.SILVER);
        assertThat(Tier.of(64.99, S)).isEqualTo(Tier.BRONZE);
        assertThat(Tier.of(0.0, S)).isEqualTo(Tier.BRONZE);
        assertThat(Tier.of(null, S)).isEqualTo(Tier.NONE);
        assertThat(Tier.PLATINUM.code()).isEqualTo("platinum");
        assertThat(Tier.SILVER.title()).isEqualTo("Silver");
    }

    /** Seven days D-14..D-8 at {@code before} and seven days D-7..D-1 at {@code recent}. */
    private static Map<LocalDate, Double> blocks(double before, double recent) {
        Map<LocalDate, Double> scores = new TreeMap<>();
        for (int i = 1; i <= 7; i++) {
            scores.put(D.minusDays(i), recent);
            scores.put(D.minusDays(7 + i), before);
        }
        return scores;
    }

    @Test
    void trendThresholdsAreStrictlyMoreThanTwoPoints() {
        assertThat(Trend.of(blocks(70, 72), D, S)).isEqualTo(Trend.STABLE); // +2 exactly
        assertThat(Trend.of(blocks(70, 72.01), D, S)).isEqualTo(Trend.IMPROVING);
        assertThat(Trend.of(blocks(70, 68), D, S)).isEqualTo(Trend.STABLE); // -2 exactly
        assertThat(Trend.of(blocks(70, 67.99), D, S)).isEqualTo(Trend.DECLINING);
    }

    @Test
    void trendNeedsFourDailyScoresInEachBlockAndSkipsDaysWithout() {
        Map<LocalDate, Double> scores = blocks(70, 80);
        scores.remove(D.minusDays(1));
        scores.remove(D.minusDays(2));
        scores.remove(D.minusDays(3));
        assertThat(Trend.of(scores, D, S)).isEqualTo(Trend.IMPROVING); // 4 recent days left
        scores.remove(D.minusDays(4));
        assertThat(Trend.of(scores, D, S)).isEqualTo(Trend.INSUFFICIENT_DATA); // 3 recent days
        Map<LocalDate, Double> fewBefore = blocks(70, 80);
        for (int i = 8; i <= 11; i++) {
            fewBefore.remove(D.minusDays(i));
        }
        assertThat(Trend.of(fewBefore, D, S)).isEqualTo(Trend.INSUFFICIENT_DATA); // 3 days in D-14..D-12
        // the mean skips missing days: recent (90 + 70 + 80 + 80) / 4 = 80 vs 77.9 → +2.1
        Map<LocalDate, Double> mixed = new TreeMap<>();
        List.of(90.0, 70.0, 80.0, 80.0).forEach(v -> mixed.put(D.minusDays(mixed.size() + 1), v));
        for (int i = 8; i <= 14; i++) {
            mixed.put(D.minusDays(i), 77.9);
        }
        assertThat(Trend.of(mixed, D, S)).isEqualTo(Trend.IMPROVING);
    }

    @Test
    void tiesShareARankAndPercentilesCountOtherSitesAtOrBelow() {
        List<Double> scope = List.of(90.0, 80.0, 80.0, 70.0);
        assertThat(Ranking.rank(90.0, scope)).isEqualTo(1);
        assertThat(Ranking.rank(80.0, scope)).isEqualTo(2);
        assertThat(Ranking.rank(70.0, scope)).isEqualTo(4);
        assertThat(Ranking.percentile(90.0, scope)).isEqualTo(100.0);
        assertThat(Ranking.percentile(80.0, scope)).isCloseTo(200.0 / 3, within(1e-12)); // the other 80 and the 70
        assertThat(Ranking.percentile(70.0, scope)).isEqualTo(0.0);
        assertThat(Ranking.percentile(55.0, List.of(55.0))).isEqualTo(100.0);
        assertThat(Ranking.rank(55.0, List.of(55.0))).isEqualTo(1);
        assertThat(Ranking.percentile(80.0, List.of(80.0, 80.0))).isEqualTo(100.0);
        assertThat(Ranking.mean(scope)).isEqualTo(80.0);
    }

    @Test
    void componentsWithoutEnoughSamplesHaveNoDataAndAZeroValue() {
        assertThat(Component.share("feedback", 4, 4, 5)).isEqualTo(new Component("feedback", 0.0, 4, false));
        assertThat(Component.share("waiting", 0, 0, 1)).isEqualTo(new Component("waiting", 0.0, 0, false));
        assertThat(Component.share("waiting", 0, 1, 1)).isEqualTo(new Component("waiting", 0.0, 1, true));
        assertThat(Component.nps("satisfaction", 5, 0, 5, 5).value()).isEqualTo(1.0);
        assertThat(Component.nps("satisfaction", 0, 5, 5, 5).value()).isEqualTo(0.0);
    }
}
