package io.dealerpulse.jobs.it.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.app.JobOptions;
import io.dealerpulse.jobs.app.ReprocessJob;
import io.dealerpulse.jobs.reprocess.ReplayEqualMeasurements;
import io.dealerpulse.jobs.reprocess.ReprocessRange;
import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.jobs.scenario.network.NetworkScenario;
import io.dealerpulse.jobs.score.GroupDatabases;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.InfluxDbExtension;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The default-run part of replay equality for the BATCH reprocessing ({@link ReplayEqualityIT}, behind
 * {@code -Preplay-equality}, adds the comparison with a live and a savepoint-upgraded run): the
 * network scenario (six sites, 16 days) is published at once and {@link ReprocessJob} replaces the
 * week 2026-03-27 .. 2026-04-03 twice in the same databases. Between the runs, stale points are
 * planted in the range and outside it, in the network database and in the investor group's database.
 * <ul>
 *   <li>The second run writes exactly the first run's points (BATCH is deterministic: every
 *       rewritten point, e.g. a window whose customer was served after it closed, ends with its last
 *       version), in both databases.</li>
 *   <li>Each run replaces the range instead of adding to it: the stale points in the range are gone
 *       from both databases, the one outside the range is untouched.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({KafkaExtension.class, InfluxDbExtension.class})
class ReprocessDeterminismIT {
    private static final String DATABASE = "reprocess_determinism";
    private static final String GROUP_PREFIX = "reprocess_determinism_group_";
    private static final String GROUP_DATABASE = new GroupDatabases(GROUP_PREFIX).databaseOf(NetworkScenario.GROUP);
    private static final ReprocessRange RANGE = ReprocessRange.of(Instant.parse("2026-03-27T00:00:00Z"),
            Instant.parse("2026-04-03T00:00:00Z"));
    private static final Instant STALE_IN_RANGE = Instant.parse("2026-03-30T10:00:00Z");
    private static final Instant STALE_BEFORE_RANGE = Instant.parse("2026-03-26T10:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2 * ScoreJob.PARALLELISM)
            .build());

    private ScoreTopics topics;
    private PointSet first;
    private PointSet firstGroup;
    private PointSet second;
    private PointSet secondGroup;
    private Map<String, Long> firstSummary;
    private Map<String, Long> secondSummary;

    @BeforeAll
    void reprocessTwice(KafkaEndpoint kafka, InfluxEndpoint influx) throws Exception {
        influx.createDatabase(DATABASE);
        influx.createDatabase(GROUP_DATABASE);
        topics = new ScoreTopics(kafka, "reprocess-determinism");
        for (List<Send> phase : NetworkScenario.build().publication().phases()) {
            topics.publish(phase);
        }
        JobOptions options = JobOptions.parse(arguments(kafka, influx), Map.of());
        ScoreReadback network = new ScoreReadback(influx, DATABASE);
        ScoreReadback group = new ScoreReadback(influx, GROUP_DATABASE);

        firstSummary = ReprocessJob.run(options, RANGE, System.out::println);
        first = PointSet.read(network, ReplayEqualMeasurements.ALL);
        firstGroup = PointSet.read(group, ReplayEqualMeasurements.ALL);
        for (String db : List.of(DATABASE, GROUP_DATABASE)) {
            influx.write(db, stalePoint(STALE_IN_RANGE) + "\n" + stalePoint(STALE_BEFORE_RANGE));
        }
        secondSummary = ReprocessJob.run(options, RANGE, System.out::println);
        second = PointSet.read(network, ReplayEqualMeasurements.ALL);
        secondGroup = PointSet.read(group, ReplayEqualMeasurements.ALL);
    }

    @AfterAll
    void close() {
        if (topics != null) {
            topics.close();
        }
    }

    @Test
    void twoReprocessingsOfTheSameRangeWriteTheSamePoints() {
        PointSet secondWithoutStale = second.filter(e -> !"stale".equals(e.tag("site")));
        PointSetComparison same = PointSetComparison.between("first run", first, "second run", secondWithoutStale);
        assertThat(same.isEmpty()).as(same.report()).isTrue();
        assertThat(first.countsPerMeasurement().keySet()).as("every replay-equal measurement is written")
                .containsAll(ReplayEqualMeasurements.ALL);
        assertThat(secondSummary).isEqualTo(firstSummary);
    }

    @Test
    void theInvestorGroupDatabaseIsReplacedLikeTheNetworkDatabase() {
        assertThat(firstGroup.countsPerMeasurement()).as("group copies written").containsKey("staffing_window");
        assertThat(firstGroup.filter(e -> e.tag("investor_group") != null
                && !NetworkScenario.GROUP.equals(e.tag("investor_group"))).points()).as("other sites' points").isEmpty();
        PointSet secondWithoutStale = secondGroup.filter(e -> !"stale".equals(e.tag("site")));
        PointSetComparison same = PointSetComparison.between("first run", firstGroup, "second run", secondWithoutStale);
        assertThat(same.isEmpty()).as(same.report()).isTrue();
    }

    @Test
    void theRangeIsDeletedBeforeItIsRewrittenAndNothingElseIs() {
        for (PointSet afterSecondRun : List.of(second, secondGroup)) {
            PointSet stale = afterSecondRun.filter(e -> "stale".equals(e.tag("site")));
            assertThat(stale.points().values()).as("planted stale points left after the second run")
                    .extracting(StoredPoint::time).containsExactly(STALE_BEFORE_RANGE);
        }
        assertThat(first.filter(e -> !RANGE.contains(e.time().toEpochMilli())).points()).as("points outside the range")
                .isEmpty();
    }

    /** A staffing window of a site that does not exist: only the range delete can remove it. */
    private static String stalePoint(Instant time) {
        return "staffing_window,site=stale,region=nord,investor_group=" + NetworkScenario.GROUP
                + " visitors=99i " + time.toEpochMilli() * 1_000_000L;
    }

    private String[] arguments(KafkaEndpoint kafka, InfluxEndpoint influx) {
        List<String> args = new ArrayList<>(List.of(
                "--kafka.bootstrap.servers", kafka.bootstrapServers(),
                "--influx.url", influx.url(),
                "--influx.database", DATABASE,
                "--influx.group-database-prefix", GROUP_PREFIX,
                "--influx.flush-interval", "100 ms",
                "--checkpoint.dir", "file:///tmp/dealerpulse-reprocess-unused",
                "--parallelism", Integer.toString(ScoreJob.PARALLELISM)));
        for (Topic topic : List.of(Topic.FOOTFALL, Topic.KIOSK, Topic.APPOINTMENTS, Topic.SURVEYS, Topic.SITE_REGISTRY,
                Topic.AGENT_STATUS)) {
            args.add("--" + JobOptions.topicKey(topic).name());
            args.add(topics.name(topic));
        }
        return args.toArray(String[]::new);
    }
}
