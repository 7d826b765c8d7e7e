package io.dealerpulse.jobs.scenario.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.oracle.score.ScoreOracle;
import io.dealerpulse.jobs.oracle.score.ScoreOracleResult;
import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.schemas.serde.AvroCodec;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The network scenario is deterministic, small, and exercises what the score IT compares. */
class NetworkScenarioTest {
    private static final NetworkScenario SCENARIO = NetworkScenario.build();
    private static final ScoreOracleResult EXPECTED = ScoreOracle.compute(SCENARIO.arrivals());

    @Test
    void theSameSeedGivesTheSameRecordsByteForByte() {
        AvroCodec codec = AvroCodec.released();
        List<Send> again = NetworkScenario.build().publication().phases().stream().flatMap(List::stream).toList();
        List<Send> first = SCENARIO.publication().phases().stream().flatMap(List::stream).toList();
        assertThat(again).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(Arrays.equals(again.get(i).value(codec), first.get(i).value(codec))).as("record %d", i).isTrue();
        }
        assertThat(NetworkScenario.build(7).agentSends()).isNotEqualTo(SCENARIO.agentSends());
    }

    @Test
    void sixSitesTwoRegionsAGroupOfFourInBothAndSixteenDaysInTheLowTensOfThousandsOfRecords() {
        assertThat(SCENARIO.size()).isBetween(5_000, 30_000);
        assertThat(NetworkScenario.SITES).hasSize(6);
        Set<String> groupRegions = EXPECTED.daily().stream()
                .filter(p -> NetworkScenario.GROUP.equals(p.tags().get("investor_group")))
                .map(p -> p.tags().get("region")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(groupRegions).containsExactly("nord", "sud");
        assertThat(EXPECTED.daily()).filteredOn(p -> p.tags().get("site").equals(NetworkScenario.MOVER.id()))
                .extracting(p -> p.tags().get("region")).contains("nord", "sud");
        assertThat(EXPECTED.daily()).hasSize(6 * 16);
        assertThat(EXPECTED.daily()).allMatch(p -> (Boolean) p.fields().get("score_valid"));
    }

    @Test
    void theHistoryGivesEveryTierTrendsAndTierChanges() {
        Set<Object> tiers = EXPECTED.daily().stream().map(p -> p.fields().get("tier")).collect(Collectors.toSet());
        assertThat(tiers).contains("platinum", "gold", "silver", "bronze");
        Set<Object> trends = EXPECTED.daily().stream().map(p -> p.fields().get("trend")).collect(Collectors.toSet());
        assertThat(trends).contains("insufficient_data", "improving", "declining");
        assertThat(EXPECTED.tierChanges()).extracting(p -> p.fields().get("kind")).contains("promoted", "dropped");
        assertThat(EXPECTED.comparisons()).extracting(p -> p.tags().get("scope"))
                .contains("region", "investor_group", "country");
        assertThat(EXPECTED.ranks()).hasSize(6 * 16);
    }

    @Test
    void settledMinutesCoverNightsAndSomeDaytimeInstantsOfEverySite() {
        PhasedPublication publication = SCENARIO.publication();
        for (var site : NetworkScenario.SITES) {
            List<ScoreOracleResult.ExpectedMinute> minutes = EXPECTED.minutes().stream()
                    .filter(m -> m.site().equals(site.id())).toList();
            long settled = minutes.stream().filter(m -> publication.settled(site.id(), m.time())).count();
            long settledInOpenHours = minutes.stream().filter(m -> publication.settled(site.id(), m.time())
                    && (Boolean) m.score().fields().get("waiting_valid")
                    && m.time().atZone(NetworkScenario.ZONE).getHour() >= 9
                    && m.time().atZone(NetworkScenario.ZONE).getHour() < 18).count();
            assertThat(settled).as(site.id()).isGreaterThan(minutes.size() / 2);
            assertThat(settledInOpenHours).as(site.id() + " daytime").isGreaterThan(20);
        }
    }
}
