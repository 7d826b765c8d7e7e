package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TierChangeTest {
    @Test
    void promotionAndDrop() {
        TierChange up = TierChange.between(Tier.GOLD, Trend.STABLE, Tier.PLATINUM, Trend.STABLE).orElseThrow();
        assertThat(up.kind()).isEqualTo(TierChange.Kind.PROMOTED);
        assertThat(up.message()).isEqualTo("promoted to Platinum");
        TierChange down = TierChange.between(Tier.GOLD, Trend.STABLE, Tier.SILVER, Trend.STABLE).orElseThrow();
        assertThat(down.kind()).isEqualTo(TierChange.Kind.DROPPED);
        assertThat(down.message()).isEqualTo("dropped to Silver");
    }

    @Test
    void trendChangeAloneAndTogetherWithATierChange() {
        TierChange trend = TierChange.between(Tier.GOLD, Trend.STABLE, Tier.GOLD, Trend.DECLINING).orElseThrow();
        assertThat(trend.kind()).isEqualTo(TierChange.Kind.TREND_CHANGED);
        assertThat(trend.message()).isEqualTo("declining");
        TierChange both = TierChange.between(Tier.GOLD, Trend.STABLE, Tier.SILVER, Trend.DECLINING).orElseThrow();
        assertThat(both.kind()).isEqualTo(TierChange.Kind.DROPPED);
        assertThat(both.message()).isEqualTo("dropped to Silver; declining");
        assertThat(both.fromTrend()).isEqualTo(Trend.STABLE);
        assertThat(both.toTrend()).isEqualTo(Trend.DECLINING);
    }

    @Test
    void nothingWhenUnchangedOrWithoutScore() {
        assertThat(TierChange.between(Tier.GOLD, Trend.STABLE, Tier.GOLD, Trend.STABLE)).isEmpty();
        assertThat(TierChange.between(Tier.NONE, Trend.STABLE, Tier.GOLD, Trend.STABLE)).isEmpty();
        assertThat(TierChange.between(Tier.GOLD, Trend.STABLE, Tier.NONE, Trend.STABLE)).isEmpty();
    }
}
