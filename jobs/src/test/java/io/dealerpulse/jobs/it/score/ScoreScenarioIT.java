package io.dealerpulse.jobs.it.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.oracle.score.ExpectedPoint;
import io.dealerpulse.jobs.oracle.score.ScoreOracle;
import io.dealerpulse.jobs.oracle.score.ScoreOracleResult;
import io.dealerpulse.jobs.oracle.score.ScoreOracleResult.ExpectedMinute;
import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.jobs.scenario.network.NetworkScenario;
import io.dealerpulse.jobs.scenario.network.NetworkSite;
import io.dealerpulse.jobs.scenario.network.PhasedPublication;
import io.dealerpulse.testkit.InfluxDbExtension;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The six-site, 16-day network scenario through the real pipeline — Kafka → {@code KpiPipeline} on
 * a MiniCluster at parallelism 2 → InfluxDB — read back with InfluxQL and compared with the
 * independent score oracle, field by field: live minute scores, daily scores with tiers and
 * trends, tier changes, daily comparisons, ranks and percentiles. One pipeline run serves every
 * test.
 *
 * <p>The scenario is published in phases, each read by the job before the next is published (see
 * {@link PhasedPublication}); the oracle replays that order. Minute points: every minute whose value
 * cannot depend on how the job interleaves its three agent topics inside a phase ("settled": all
 * night minutes and the minutes before each daytime cut, about 60% of them) is compared field by
 * field; for every minute the point must exist, and no point may exist at a minute the site clock
 * never passed (the current minute after the final clock excepted).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({KafkaExtension.class, InfluxDbExtension.class})
class ScoreScenarioIT {
    private static final String DB = "score_scenario";
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(ScoreJob.PARALLELISM)
            .build());

    private static final NetworkScenario SCENARIO = NetworkScenario.build();
    private static final PhasedPublication PUBLICATION = SCENARIO.publication();
    private static final ScoreOracleResult EXPECTED = ScoreOracle.compute(PUBLICATION.arrivals());

    private ScoreReadback readback;
    private JobClient job;
    private ScoreTopics topics;

    @BeforeAll
    void runTheScenario(KafkaEndpoint kafka, InfluxEndpoint influx) throws Exception {
        influx.createDatabase(DB);
        readback = new ScoreReadback(influx, DB);
        topics = new ScoreTopics(kafka, "score");
        job = ScoreJob.start(topics, influx.url(), DB);
        Map<String, Long> published = new TreeMap<>();
        int phase = 0;
        for (List<Send> records : PUBLICATION.phases()) {
            topics.publish(records);
            records.forEach(s -> published.merge(Send.streamOf(s.topic()).tag(), 1L, Long::sum));
            readback.awaitRead(published, PHASE_TIMEOUT, "phase " + phase++ + " of " + PUBLICATION.phases().size());
        }
        readback.awaitSettled(OUTPUT_TIMEOUT,
                (minutes, comparisons) -> comparisons >= EXPECTED.comparisons().size() || minutes == 0);
    }

    @AfterAll
    void stop() throws Exception {
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (topics != null) {
            topics.close();
        }
    }

    @Test
    void liveMinuteScoresEqualTheOracleAtEverySettledMinuteAndExistAtEveryPassedMinute() {
        List<String> problems = new ArrayList<>();
        if (readback.count(ScoreOracle.SITE_SCORE, "score_valid") == 0) {
            problems.add(nothingStoredHint(ScoreOracle.SITE_SCORE, List.of()));
        }
        int settled = 0;
        for (NetworkSite site : NetworkScenario.SITES) {
            List<StoredPoint> stored = readback.points(ScoreOracle.SITE_SCORE, "\"site\" = '" + site.id() + "'");
            List<ExpectedMinute> minutes = EXPECTED.minutes().stream().filter(m -> m.site().equals(site.id())).toList();
            List<ExpectedPoint> compared = minutes.stream().filter(m -> PUBLICATION.settled(site.id(), m.time()))
                    .map(ExpectedMinute::toPoint).toList();
            settled += compared.size();
            PointDiff diff = PointDiff.between(ScoreOracle.SITE_SCORE, compared, stored, List.of("site"), false);
            if (!diff.isEmpty()) {
                problems.add(site.id() + " " + diff.report());
            }
            Set<Instant> expectedTimes = minutes.stream().map(ExpectedMinute::time).collect(Collectors.toCollection(TreeSet::new));
            Set<Instant> storedTimes = stored.stream().map(StoredPoint::time).collect(Collectors.toCollection(TreeSet::new));
            Instant currentMinute = EXPECTED.finalClocks().get(site.id()).plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            List<Instant> absent = expectedTimes.stream().filter(t -> !storedTimes.contains(t)).toList();
            List<Instant> extra = storedTimes.stream().filter(t -> !expectedTimes.contains(t) && !t.equals(currentMinute)).toList();
            if (!absent.isEmpty() || !extra.isEmpty()) {
                problems.add(site.id() + " site_score minutes: " + absent.size() + " of " + expectedTimes.size()
                        + " passed minutes have no point (first: " + absent.stream().limit(5).toList() + "), "
                        + extra.size() + " points at minutes the clock never passed (first: "
                        + extra.stream().limit(5).toList() + "; clock from " + EXPECTED.firstClocks().get(site.id())
                        + " to " + EXPECTED.finalClocks().get(site.id()) + ")");
            }
        }
        assertThat(problems).as("%d settled minute points compared of %d expected", settled, EXPECTED.minutes().size())
                .isEmpty();
    }

    @Test
    void dailyScoresWithTiersAndTrendsEqualTheOracle() {
        assertEqual(ScoreOracle.SITE_SCORE_DAILY, EXPECTED.daily(), List.of("site"));
    }

    @Test
    void tierChangesEqualTheOracle() {
        assertEqual(ScoreOracle.TIER_CHANGE, EXPECTED.tierChanges(), List.of("site"));
    }

    @Test
    void dailyComparisonsPerRegionGroupAndCountryEqualTheOracle() {
        assertEqual(ScoreOracle.COMPARISON_DAILY, EXPECTED.comparisons(), List.of("scope", "name"));
    }

    @Test
    void dailyRanksAndPercentilesEqualTheOracle() {
        assertEqual(ScoreOracle.SITE_RANK_DAILY, EXPECTED.ranks(), List.of("site"));
    }

    @Test
    void scoreFieldsHaveTheContractTypes() {
        Map<String, String> want = new TreeMap<>();
        want.put("score", "float");
        want.put("score_valid", "boolean");
        want.put("tier", "string");
        want.put("trend", "string");
        want.put("components_with_data", "integer");
        for (String c : io.dealerpulse.jobs.oracle.score.SiteScore.COMPONENT_NAMES) {
            want.put(c, "float");
            want.put(c + "_valid", "boolean");
            want.put(c + "_n", "integer");
        }
        assertThat(readback.fieldTypes(ScoreOracle.SITE_SCORE)).as("site_score").isEqualTo(want);
        assertThat(readback.fieldTypes(ScoreOracle.SITE_SCORE_DAILY)).as("site_score_daily").isEqualTo(want);
    }

    private void assertEqual(String measurement, List<ExpectedPoint> expected, List<String> identity) {
        List<StoredPoint> stored = readback.points(measurement, null);
        PointDiff diff = PointDiff.between(measurement, expected, stored, identity, true);
        assertThat(diff.isEmpty()).as(nothingStoredHint(measurement, stored) + diff.report()).isTrue();
        assertThat(expected).as("the oracle expects points of " + measurement).isNotEmpty();
    }

    private static String nothingStoredHint(String measurement, List<StoredPoint> stored) {
        return stored.isEmpty() ? "InfluxDB holds no " + measurement + " point at all: is the score topology wired into "
                + "KpiPipeline.build, and does it write this measurement? " : "";
    }
}
