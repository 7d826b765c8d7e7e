package io.dealerpulse.demo.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.importer.publish.Publisher;
import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.jobs.oracle.OracleOptions;
import io.dealerpulse.jobs.oracle.score.ScoreOracle;
import io.dealerpulse.jobs.oracle.score.ScoreSettings;
import io.dealerpulse.jobs.oracle.score.SiteScore;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.publish.BusinessImports;
import io.dealerpulse.simulator.publish.HistoryBackfill;
import io.dealerpulse.simulator.publish.SimulatedNetwork;
import io.dealerpulse.simulator.scenario.NetworkScenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The trends the demo shows once its history is long enough, on values: the back-fill's records (as
 * the importer and the agents would send them, collected in memory) go through the jobs' score oracle.
 * The simulator has no drift (every day is drawn from the same per-site distribution), so the trends
 * are the noise of two 7-day means and must come out mixed, not all one way.
 */
class ScenarioTrendsTest {
    /** A Monday, 09:30 in Paris: the demo's default start. */
    private static final Instant NOW = Instant.parse("2026-11-23T08:30:00Z");

    @Test
    void aLongEnoughHistoryGivesMixedTrends() throws Exception {
        Map<String, String> trends = trendsNow(42, HistoryBackfill.DAYS_FOR_UNSKEWED_TRENDS);
        System.out.println("live trends at the start of the live phase, seed 42, "
                + HistoryBackfill.DAYS_FOR_UNSKEWED_TRENDS + " days: " + trends);
        assertThat(trends).hasSize(6).doesNotContainValue("insufficient_data");
        assertThat(trends.values().stream().distinct().count()).as("distinct trends in %s", trends).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theShortestHistoryForTrendsIsExact() throws Exception {
        assertThat(trendsNow(42, HistoryBackfill.DAYS_FOR_TRENDS)).hasSize(6).doesNotContainValue("insufficient_data");
        assertThat(trendsNow(42, HistoryBackfill.DAYS_FOR_TRENDS - 1)).hasSize(6)
                .allSatisfy((site, trend) -> assertThat(trend).isEqualTo("insufficient_data"));
    }

    /** Each site's trend on its live score just before the live phase, with {@code days} days of traffic before today. */
    private static Map<String, String> trendsNow(long seed, int days) throws InterruptedException {
        SimulatedNetwork network = new SimulatedNetwork(NetworkScenario.of(6, seed), NOW, days);
        List<Arrival> arrivals = new ArrayList<>();
        Publisher collect = new Publisher() {
            @Override
            public void send(Topic topic, String key, SpecificRecord value) {
                arrivals.add(Arrival.of(value));
            }

            @Override
            public Acknowledgements awaitAll() {
                return new Acknowledgements(arrivals.size(), 0, null);
            }

            @Override
            public void close() {}
        };
        new HistoryBackfill(network, days, 30).run(new BusinessImports(collect, network.networkKey()), collect,
                (done, total, phase) -> {});
        ScoreOracle oracle = ScoreOracle.of(arrivals, OracleOptions.DEFAULTS, ScoreSettings.DEFAULTS);
        Map<String, String> trends = new TreeMap<>();
        for (SiteProfile site : network.scenario().sites()) {
            SiteScore live = oracle.liveScore(site.id(), NOW.minus(java.time.Duration.ofMinutes(10)));
            trends.put(site.id(), live == null ? "no live score" : live.trend());
        }
        return trends;
    }
}
