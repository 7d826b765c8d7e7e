package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class SiteScoreTest {
    private static final ScoreOptions DEFAULTS = ScoreOptions.defaults();

    private static Components all(double s, double w, double st, double a, double f) {
        return new Components(new Component(s, 10, true), new Component(w, 10, true), new Component(st, 10, true),
                new Component(a, 10, true), new Component(f, 10, true));
    }

    @Test
    void weightedMeanOfEveryComponentWithDefaultWeights() {
        SiteScore score = SiteScore.of(all(1.0, 0.5, 0.5, 0.0, 1.0), Trend.STABLE, DEFAULTS);
        // 0.35 + 0.10 + 0.10 + 0 + 0.10 = 0.65
        assertThat(score.score()).isCloseTo(65.0, Offset.offset(1e-9));
        assertThat(score.valid()).isTrue();
        assertThat(score.trend()).isEqualTo(Trend.STABLE);
    }

    @Test
    void componentsWithoutDataAreLeftOutOfNumeratorAndDenominator() {
        Components c = new Components(Component.none(3), new Component(0.5, 4, true), Component.none(0),
                new Component(1.0, 2, true), Component.none(1));
        SiteScore score = SiteScore.of(c, Trend.INSUFFICIENT_DATA, DEFAULTS);
        // (0.20·0.5 + 0.15·1.0) / 0.35
        assertThat(score.score()).isCloseTo(100 * 0.25 / 0.35, Offset.offset(1e-9));
        assertThat(c.withData()).isEqualTo(2);
    }

    @Test
    void noComponentWithDataGivesNoScoreAndNoTier() {
        Components none = new Components(Component.none(0), Component.none(0), Component.none(0), Component.none(0),
                Component.none(4));
        SiteScore score = SiteScore.of(none, Trend.INSUFFICIENT_DATA, DEFAULTS);
        assertThat(score.valid()).isFalse();
        assertThat(score.score()).isZero();
        assertThat(score.tier()).isEqualTo(Tier.NONE);
    }

    @Test
    void tierBoundsAreInclusiveOnTheUnroundedScore() {
        assertThat(Tier.of(89.99, true, DEFAULTS)).isEqualTo(Tier.GOLD);
        assertThat(Tier.of(90.0, true, DEFAULTS)).isEqualTo(Tier.PLATINUM);
        assertThat(Tier.of(89.99999999, true, DEFAULTS)).isEqualTo(Tier.GOLD);
        assertThat(Tier.of(80.0, true, DEFAULTS)).isEqualTo(Tier.GOLD);
        assertThat(Tier.of(79.999, true, DEFAULTS)).isEqualTo(Tier.SILVER);
        assertThat(Tier.of(65.0, true, DEFAULTS)).isEqualTo(Tier.SILVER);
        assertThat(Tier.of(64.99, true, DEFAULTS)).isEqualTo(Tier.BRONZE);
        assertThat(Tier.of(0.0, true, DEFAULTS)).isEqualTo(Tier.BRONZE);
        assertThat(Tier.of(100.0, false, DEFAULTS)).isEqualTo(Tier.NONE);
    }

    @Test
    void scoreOfExactlyNinetyIsPlatinum() {
        // 0.9 everywhere: naive double arithmetic gives 90.00000000000001 or 89.99999999999999 depending on order
        SiteScore score = SiteScore.of(all(0.9, 0.9, 0.9, 0.9, 0.9), Trend.STABLE, DEFAULTS);
        assertThat(score.score()).isEqualTo(90.0);
        assertThat(score.tier()).isEqualTo(Tier.PLATINUM);
        SiteScore feedbackOnly = SiteScore.of(new Components(Component.none(0), Component.none(0), Component.none(0),
                Component.none(0), Component.of(9, 10)), Trend.STABLE, DEFAULTS);
        assertThat(feedbackOnly.score()).isEqualTo(90.0);
        assertThat(feedbackOnly.tier()).isEqualTo(Tier.PLATINUM);
        SiteScore exact = SiteScore.of(new Components(new Component(0.9, 5, true), Component.none(0),
                Component.none(0), Component.none(0), Component.none(0)), Trend.STABLE, DEFAULTS);
        assertThat(exact.score()).isEqualTo(90.0);
        assertThat(exact.tier()).isEqualTo(Tier.PLATINUM);
    }

    @Test
    void weightsAndTierBoundsAreConfigurable() {
        ScoreOptions options = DEFAULTS.withWeights(Map.of(ComponentName.SATISFACTION, 0.0, ComponentName.WAITING, 1.0,
                ComponentName.STAFFING, 1.0, ComponentName.APPOINTMENTS, 0.0, ComponentName.FEEDBACK, 0.0))
                .withTierBounds(95, 85, 70);
        SiteScore score = SiteScore.of(all(0.0, 1.0, 0.8, 0.0, 0.0), Trend.STABLE, options);
        assertThat(score.score()).isCloseTo(90.0, Offset.offset(1e-9));
        assertThat(score.tier()).isEqualTo(Tier.GOLD);
        assertThatThrownBy(() -> DEFAULTS.withTierBounds(80, 90, 65)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tier bounds must decrease");
        assertThatThrownBy(() -> DEFAULTS.withWeights(Map.of(ComponentName.WAITING, 1.0)))
                .hasMessageContaining("weight of satisfaction");
    }
}
