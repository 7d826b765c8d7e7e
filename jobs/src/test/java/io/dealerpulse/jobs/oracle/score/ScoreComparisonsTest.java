package io.dealerpulse.jobs.oracle.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dealerpulse.jobs.scenario.RegistryVersions;
import io.dealerpulse.jobs.scenario.SiteRecords;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Daily comparisons, ranks and tier changes of three sites whose only component is feedback (so
 * the daily score is 100 × the positive share of the last 7 days), one moving to another region.
 */
class ScoreComparisonsTest {
    private final ScoreFixture fixture = new ScoreFixture("Europe/Paris");

    private void site(String id, String region, String group, String effective) {
        RegistryVersions v = RegistryVersions.site(id, "Europe/Paris").region(region).everyDay("09:00-18:00");
        if (group != null) {
            v.investorGroup(group);
        }
        fixture.registry(v.effectiveFrom(fixture.at(effective)));
    }

    private void presses(String site, String day, int... scores) {
        SiteRecords records = new SiteRecords(site);
        for (int i = 0; i < scores.length; i++) {
            fixture.send(records.feedback(fixture.nextMessage(), scores[i], fixture.at(day + "T10:0" + i)));
        }
    }

    private ScoreOracleResult threeDays() {
        site("a", "nord", "g1", "2026-03-01T00:00");
        site("b", "nord", "g1", "2026-03-01T00:00");
        site("c", "nord", null, "2026-03-01T00:00");
        site("c", "sud", null, "2026-03-11T00:00"); // c moves at local midnight of the 11th
        presses("a", "2026-03-10", 4, 4, 4, 4, 4); // 100
        presses("b", "2026-03-10", 4, 4, 4, 4, 1); // 80
        presses("c", "2026-03-10", 4, 4, 4, 4, 1); // 80: tie with b
        presses("a", "2026-03-11", 1, 1, 1, 1, 1); // 50 over 10 presses: dropped from Platinum to Bronze
        presses("b", "2026-03-11", 4, 4, 4, 4, 4); // 90: promoted to Platinum
        presses("c", "2026-03-11", 1, 1, 1, 1, 1); // 40
        for (String site : List.of("a", "b", "c")) {
            fixture.heartbeat(site, "2026-03-12T00:30");
        }
        return fixture.oracle().result();
    }

    private static Map<String, Object> rank(ScoreOracleResult result, String site, String date) {
        return result.ranks().stream().filter(p -> p.tags().get("site").equals(site)
                && p.tags().get("local_date").equals(date)).findFirst().orElseThrow().fields();
    }

    @Test
    void ranksAndPercentilesPerRegionAndCountryWithTies() {
        ScoreOracleResult result = threeDays();
        Map<String, Object> b10 = rank(result, "b", "2026-03-10");
        assertThat(b10).containsEntry("rank_region", 2L).containsEntry("rank_country", 2L)
                .containsEntry("percentile_region", 50.0).containsEntry("group_valid", true);
        assertThat((Double) b10.get("region_mean")).isCloseTo(260.0 / 3, within(1e-9));
        assertThat((Double) b10.get("group_mean")).isCloseTo(90.0, within(1e-9));
        assertThat(rank(result, "c", "2026-03-10")).containsEntry("rank_region", 2L).containsEntry("group_valid", false)
                .containsEntry("group_mean", 0.0);
        assertThat(rank(result, "a", "2026-03-10")).containsEntry("percentile_country", 100.0);
    }

    @Test
    void aSiteThatMovesIsComparedInItsNewRegionFromTheDayTheNewVersionIsInForce() {
        ScoreOracleResult result = threeDays();
        Map<String, Object> c11 = rank(result, "c", "2026-03-11");
        assertThat(c11).containsEntry("rank_region", 1L).containsEntry("percentile_region", 100.0)
                .containsEntry("rank_country", 3L);
        assertThat((Double) c11.get("region_mean")).isCloseTo(40.0, within(1e-9));
        Map<String, Map<String, Object>> regions11 = result.comparisons().stream()
                .filter(p -> p.tags().get("local_date").equals("2026-03-11") && p.tags().get("scope").equals("region"))
                .collect(Collectors.toMap(p -> p.tags().get("name"), ExpectedPoint::fields));
        assertThat(regions11.get("nord")).containsEntry("sites", 2L).containsEntry("platinum", 1L)
                .containsEntry("bronze", 1L).containsEntry("partial", false);
        assertThat((Double) regions11.get("nord").get("mean_score")).isCloseTo(70.0, within(1e-9)); // (50 + 90) / 2
        assertThat(regions11.get("sud")).containsEntry("sites", 1L);
        assertThat((Double) regions11.get("sud").get("mean_score")).isCloseTo(40.0, within(1e-9));
        assertThat(result.comparisons()).noneMatch(p -> p.tags().get("local_date").equals("2026-03-10")
                && p.tags().get("name").equals("sud"));
        assertThat(result.daily()).filteredOn(p -> p.tags().get("site").equals("c"))
                .extracting(p -> p.tags().get("region")).containsExactly("nord", "sud");
    }

    @Test
    void tierChangesCompareDailyTiers() {
        ScoreOracleResult result = threeDays();
        assertThat(result.tierChanges()).extracting(p -> p.tags().get("site") + " " + p.fields().get("message"))
                .containsExactlyInAnyOrder("a dropped to Bronze", "b promoted to Platinum", "c dropped to Bronze");
        ExpectedPoint b = result.tierChanges().stream().filter(p -> p.tags().get("site").equals("b")).findFirst().orElseThrow();
        assertThat(b.fields()).containsEntry("kind", "promoted").containsEntry("from_tier", "gold")
                .containsEntry("to_tier", "platinum").containsEntry("from_trend", "insufficient_data");
        assertThat(b.time()).isEqualTo(fixture.at("2026-03-11T00:00"));
    }
}
