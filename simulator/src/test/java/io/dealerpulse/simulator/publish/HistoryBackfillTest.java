package io.dealerpulse.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.simulator.history.AgentRecord;
import io.dealerpulse.simulator.scenario.NetworkScenario;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HistoryBackfillTest {
    /** A Wednesday, 09:00 in Paris. */
    private static final Instant NOW = Instant.parse("2026-03-04T08:00:00Z");

    private final SimulatedNetwork network = new SimulatedNetwork(NetworkScenario.of(6, 5L), NOW, 3);
    private final HistoryBackfill backfill = new HistoryBackfill(network, 3, 30);

    @Test
    void trafficIsInEventTimeOrderBeforeNowAndCoversEverySite() {
        List<AgentRecord> records = backfill.trafficRecords();
        assertThat(records).isSortedAccordingTo(Comparator.comparing(AgentRecord::eventTime));
        assertThat(records).allSatisfy(r -> assertThat(r.eventTime()).isBefore(NOW));
        Set<String> sites = records.stream().filter(r -> r.topic() == Topic.FOOTFALL).map(AgentRecord::key)
                .collect(Collectors.toSet());
        assertThat(sites).hasSize(6);
        assertThat(records.get(0).eventTime()).isBefore(NOW.minus(java.time.Duration.ofDays(3)));
    }

    @Test
    void businessRowsWereRecordedBeforeNowAndTheRegistryPrecedesAllHistory() {
        assertThat(backfill.registryRows()).hasSize(6);
        assertThat(backfill.appointmentRows()).isNotEmpty().allSatisfy(
                row -> assertThat(Instant.parse(row.value("action_time"))).isBefore(NOW));
        assertThat(backfill.surveyRows()).isNotEmpty().allSatisfy(
                row -> assertThat(Instant.parse(row.value("received_at"))).isBefore(NOW));
        // The oldest surveyed day is 30 days before now: 2026-02-02.
        assertThat(backfill.registryRows()).allSatisfy(row -> assertThat(java.time.LocalDate.parse(
                row.value("effective_from"))).isBefore(java.time.LocalDate.of(2026, 2, 2)));
    }

    @Test
    void theSameNetworkAndNowGiveTheSameHistory() {
        HistoryBackfill again = new HistoryBackfill(new SimulatedNetwork(NetworkScenario.of(6, 5L), NOW, 3), 3, 30);
        assertThat(again.trafficRecords()).isEqualTo(backfill.trafficRecords());
        assertThat(again.appointmentRows()).isEqualTo(backfill.appointmentRows());
    }

    @Test
    void pacePointsAreEverySitesLocalMidnightAndNeverFurtherApartThanTheMaximumSlice() {
        Instant from = NOW.minus(java.time.Duration.ofDays(3));
        List<Instant> boundaries = backfill.paceBoundaries(from, NOW);
        assertThat(boundaries).isSorted().doesNotHaveDuplicates().allSatisfy(b -> assertThat(b).isAfter(from).isBefore(NOW));
        network.scenario().sites().forEach(site -> assertThat(boundaries)
                .contains(java.time.LocalDate.of(2026, 3, 3).atStartOfDay(site.zone()).toInstant()));
        List<Instant> all = new java.util.ArrayList<>(boundaries);
        all.add(0, from);
        all.add(NOW);
        for (int i = 1; i < all.size(); i++) {
            assertThat(java.time.Duration.between(all.get(i - 1), all.get(i))).isLessThanOrEqualTo(HistoryBackfill.MAX_SLICE);
        }
        // Only the pauses that matter: at most one between two midnights of the network's zones (plus one
        // after each zone's first midnight, where the sites' clocks start), not a 6-hour grid.
        long zones = network.scenario().sites().stream().map(s -> s.zone().getRules().getOffset(NOW)).distinct().count();
        assertThat(boundaries.size()).isLessThanOrEqualTo((int) (4 * (zones + 1)));
    }

    @Test
    void theTrafficPausesJustAfterEachSitesFirstInstantSoItsClockStartsThereInEveryRun() {
        Instant from = backfill.trafficRecords().get(0).eventTime();
        List<Instant> boundaries = backfill.paceBoundaries(from, NOW);
        network.scenario().sites().forEach(site -> {
            Instant first = backfill.trafficRecords().stream().filter(r -> r.key().equals(site.id()))
                    .map(io.dealerpulse.simulator.history.AgentRecord::eventTime).min(Instant::compareTo).orElseThrow();
            assertThat(boundaries).as(site.id()).contains(first.plusMillis(1));
        });
    }
}
