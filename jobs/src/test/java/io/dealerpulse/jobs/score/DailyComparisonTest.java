package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.score.DailyComparison.ScopeKey;
import io.dealerpulse.jobs.score.DailyComparison.SiteEntry;
import io.dealerpulse.jobs.score.DailyComparison.SitePlace;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DailyComparisonTest {
    private static final ScoreOptions OPTIONS = ScoreOptions.defaults();

    private static SiteEntry site(String id, String region, String group, double score) {
        return new SiteEntry(new SiteTags(id, "Dealer " + id, region, group, "FR", 0, 0, false), score, true,
                Tier.of(score, true, OPTIONS));
    }

    private static SiteEntry unscored(String id, String region) {
        return new SiteEntry(new SiteTags(id, "Dealer " + id, region, "none", "FR", 0, 0, false), 0, false, Tier.NONE);
    }

    private static Map<String, SitePlace> bySite(DailyComparison c) {
        return c.places().stream().collect(Collectors.toMap(p -> p.site().tags().site(), Function.identity()));
    }

    @Test
    void meansTierCountsRanksAndPercentilesPerScope() {
        DailyComparison c = DailyComparison.of(List.of(
                site("a", "north", "ig", 92), site("b", "north", "none", 80), site("c", "south", "ig", 70),
                site("d", "south", "ig", 60), unscored("e", "north")));
        assertThat(c.scopes().get(new ScopeKey("region", "north"))).isEqualTo(new ScopeSummary(172, 2, 1, 1, 0, 0));
        assertThat(c.scopes().get(new ScopeKey("region", "south")).mean()).isEqualTo(65.0);
        assertThat(c.scopes().get(new ScopeKey("investor_group", "ig")).mean()).isEqualTo(74.0);
        assertThat(c.scopes().get(new ScopeKey("country", "FR"))).isEqualTo(new ScopeSummary(302, 4, 1, 1, 1, 1));
        assertThat(c.scopes()).doesNotContainKey(new ScopeKey("investor_group", "none"));

        Map<String, SitePlace> places = bySite(c);
        assertThat(places).doesNotContainKey("e");
        assertThat(places.get("b").inRegion()).isEqualTo(new Ranking.Position(2, 0.0));
        assertThat(places.get("b").inCountry().rank()).isEqualTo(2);
        assertThat(places.get("b").inCountry().percentile()).isCloseTo(200.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(places.get("b").group()).isNull();
        assertThat(places.get("c").group().mean()).isEqualTo(74.0);
        assertThat(places.get("c").region().mean()).isEqualTo(65.0);
    }

    @Test
    void aSiteThatMovedRegionIsComparedInTheRegionOfEachDate() {
        // day 1: "m" is in north; day 2 its registry version says south
        DailyComparison day1 = DailyComparison.of(List.of(site("m", "north", "none", 90), site("n", "north", "none", 70),
                site("s", "south", "none", 80)));
        DailyComparison day2 = DailyComparison.of(List.of(site("m", "south", "none", 90), site("n", "north", "none", 70),
                site("s", "south", "none", 80)));
        assertThat(bySite(day1).get("m").inRegion()).isEqualTo(new Ranking.Position(1, 100.0));
        assertThat(day1.scopes().get(new ScopeKey("region", "north")).sites()).isEqualTo(2);
        assertThat(bySite(day1).get("s").inRegion()).isEqualTo(new Ranking.Position(1, 100.0));

        assertThat(day2.scopes().get(new ScopeKey("region", "north")).sites()).isEqualTo(1);
        assertThat(day2.scopes().get(new ScopeKey("region", "south")).mean()).isEqualTo(85.0);
        assertThat(bySite(day2).get("s").inRegion()).isEqualTo(new Ranking.Position(2, 0.0));
        assertThat(bySite(day2).get("m").region().mean()).isEqualTo(85.0);
        assertThat(bySite(day2).get("m").inCountry()).isEqualTo(bySite(day1).get("m").inCountry());
    }
}
