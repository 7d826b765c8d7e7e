package io.dealerpulse.jobs.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dealerpulse.jobs.oracle.score.ScoreSettings;
import io.dealerpulse.jobs.score.Ranking;
import io.dealerpulse.jobs.score.ScoreOptions;
import io.dealerpulse.jobs.score.Tier;
import io.dealerpulse.jobs.score.TrendRule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests (jqwik, docs/robustness.md) of the pure score rules of the jobs against the plain
 * Java score oracle: ranks and percentiles (with many ties), tiers at and around their inclusive
 * bounds, and trends over daily-score histories with gaps. 200 tries each, fixed seed.
 */
class ScoreRulesPropertyTest {
    private static final ScoreOptions OPTIONS = ScoreOptions.defaults();
    private static final ScoreSettings SETTINGS = ScoreSettings.DEFAULTS;
    private static final LocalDate DAY = LocalDate.of(2026, 3, 29);

    @Property(tries = 200, seed = "20260329")
    void ranksAndPercentilesEqualTheOracle(@ForAll("scopes") List<Double> scores) {
        Map<String, Double> bySite = new LinkedHashMap<>();
        for (int i = 0; i < scores.size(); i++) {
            bySite.put("site-" + i, scores.get(i));
        }
        Map<String, Ranking.Position> positions = Ranking.of(bySite);
        for (Map.Entry<String, Double> site : bySite.entrySet()) {
            Ranking.Position position = positions.get(site.getKey());
            assertThat((long) position.rank()).as("rank of %s in %s", site.getValue(), scores)
                    .isEqualTo(io.dealerpulse.jobs.oracle.score.Ranking.rank(site.getValue(), scores));
            assertThat(position.percentile()).as("percentile of %s in %s", site.getValue(), scores)
                    .isCloseTo(io.dealerpulse.jobs.oracle.score.Ranking.percentile(site.getValue(), scores), within(1e-9));
        }
    }

    @Property(tries = 200, seed = "20260329")
    void tiersEqualTheOracleAtAndAroundTheirBounds(@ForAll("scores") double score) {
        assertThat(Tier.of(score, true, OPTIONS).code()).as("tier of %s", score)
                .isEqualTo(io.dealerpulse.jobs.oracle.score.Tier.of(score, SETTINGS).code());
    }

    @Property(tries = 200, seed = "20260329")
    void trendsEqualTheOracleOverHistoriesWithGaps(@ForAll("histories") Map<LocalDate, Double> daily) {
        assertThat(new TrendRule(OPTIONS).of(DAY, daily).code()).as("trend on %s of %s", DAY, daily)
                .isEqualTo(io.dealerpulse.jobs.oracle.score.Trend.of(daily, DAY, SETTINGS));
    }

    /** 1 to 40 sites; scores drawn from a few values (ties) or anywhere in [0, 100]. */
    @Provide
    Arbitrary<List<Double>> scopes() {
        Arbitrary<Double> tied = Arbitraries.of(0.0, 50.0, 65.0, 80.0, 90.0, 100.0);
        return Arbitraries.oneOf(tied, scores()).list().ofMinSize(1).ofMaxSize(40);
    }

    /** Scores anywhere, and the tier bounds with their nearest neighbours. */
    @Provide
    Arbitrary<Double> scores() {
        List<Double> bounds = new ArrayList<>();
        for (double bound : new double[] {65.0, 80.0, 90.0}) {
            bounds.add(bound);
            bounds.add(Math.nextDown(bound));
            bounds.add(Math.nextUp(bound));
            bounds.add(bound - 0.01);
        }
        return Arbitraries.oneOf(Arbitraries.doubles().between(0.0, 100.0), Arbitraries.of(bounds));
    }

    /**
     * Daily scores of the 16 days before {@link #DAY} (and the day itself, which the trend must
     * ignore), each present or missing; values near each other so differences near ±2 occur.
     */
    @Provide
    Arbitrary<Map<LocalDate, Double>> histories() {
        Arbitrary<Double> base = Arbitraries.doubles().between(40.0, 95.0);
        Arbitrary<Double> jitter = Arbitraries.doubles().between(-4.0, 4.0);
        return base.flatMap(b -> jitter.optional(0.75).list().ofSize(17).map(days -> {
            Map<LocalDate, Double> daily = new LinkedHashMap<>();
            for (int i = 0; i < days.size(); i++) {
                int offset = i;
                days.get(i).ifPresent(j -> daily.put(DAY.minusDays(16 - offset), b + j));
            }
            return daily;
        }));
    }
}
