package io.dealerpulse.jobs.it.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealerpulse.jobs.app.JobOptions;
import io.dealerpulse.jobs.app.ReprocessJob;
import io.dealerpulse.jobs.pipeline.KpiPoints;
import io.dealerpulse.jobs.reprocess.ReplayEqualMeasurements;
import io.dealerpulse.jobs.reprocess.ReprocessRange;
import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.jobs.scenario.network.NetworkScenario;
import io.dealerpulse.jobs.scenario.network.PhasedPublication;
import io.dealerpulse.jobs.score.ScorePoints;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.InfluxDbExtension;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replay equality (DESIGN.md) on the six-site, 16-day network scenario, real Kafka and influxd,
 * MiniCluster at parallelism 2:
 * <ul>
 *   <li><b>live</b>: the streaming job, uninterrupted, as in {@link ScoreScenarioIT};</li>
 *   <li><b>upgraded</b>: a second streaming job on the same topics, stopped with a canonical
 *       savepoint halfway through the phases, rebuilt and restored from it (no unclaimed state
 *       allowed), fed the rest;</li>
 *   <li><b>batch</b>: {@link ReprocessJob} in BATCH mode over the same topics for one week in the
 *       middle of the scenario, into a fresh database, run twice.</li>
 * </ul>
 * Compared exactly (same code, same input, no tolerance) with {@link PointSetComparison}: staffing
 * windows, daily scores, tier changes, daily comparisons and ranks entirely; live minute scores at
 * every settled minute (see {@link PhasedPublication#settled}: the other minutes depend on how a
 * live job interleaves its topics inside a phase, so two live runs can differ there) and, for every
 * minute, the point's existence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({KafkaExtension.class, InfluxDbExtension.class})
class ReplayEqualityIT {
    private static final String LIVE = "replay_live";
    private static final String UPGRADED = "replay_upgraded";
    private static final String BATCH = "replay_batch";
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(60);
    /** One week inside the scenario (2026-03-20 .. 2026-04-04): warm-up and tail read everything around it. */
    private static final ReprocessRange RANGE = ReprocessRange.of(Instant.parse("2026-03-27T00:00:00Z"),
            Instant.parse("2026-04-03T00:00:00Z"));

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2 * ScoreJob.PARALLELISM)
            .build());

    private static final PhasedPublication PUBLICATION = NetworkScenario.build().publication();

    private ScoreTopics topics;
    private JobClient live;
    private JobClient upgraded;
    private String savepoint;
    private String restoredFrom;
    private PointSet liveOutput;
    private PointSet upgradedOutput;
    private PointSet firstBatch;
    private PointSet secondBatch;
    private Map<String, Long> firstBatchSummary;
    private Map<String, Long> secondBatchSummary;

    @BeforeAll
    void runLiveUpgradedAndBatch(KafkaEndpoint kafka, InfluxEndpoint influx, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        // The extension makes its cluster the context environment only around each test method; the
        // live jobs start here, so they are sent to it explicitly (its REST API then knows them).
        TestStreamEnvironment.setAsContext(cluster, ScoreJob.PARALLELISM);
        try {
            runLiveAndUpgraded(influx, kafka);
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }
        // The batch runs build their own local cluster from ReprocessJob's configuration, as `flink run` would.
        ScoreReadback batchReadback = new ScoreReadback(influx, BATCH);
        JobOptions options = JobOptions.parse(batchArguments(kafka, influx), Map.of());
        firstBatchSummary = ReprocessJob.run(options, RANGE, System.out::println);
        firstBatch = PointSet.read(batchReadback, allMeasurements());
        secondBatchSummary = ReprocessJob.run(options, RANGE, System.out::println);
        secondBatch = PointSet.read(batchReadback, allMeasurements());
    }

    private void runLiveAndUpgraded(InfluxEndpoint influx, KafkaEndpoint kafka) throws Exception {
        for (String db : List.of(LIVE, UPGRADED, BATCH)) {
            influx.createDatabase(db);
        }
        ScoreReadback liveReadback = new ScoreReadback(influx, LIVE);
        ScoreReadback upgradedReadback = new ScoreReadback(influx, UPGRADED);
        topics = new ScoreTopics(kafka, "replay");
        live = ScoreJob.start(topics, influx.url(), LIVE);
        upgraded = ScoreJob.start(topics, influx.url(), UPGRADED);
        int savepointAfter = PUBLICATION.phases().size() / 2;
        Map<String, Long> published = new TreeMap<>();
        int phase = 0;
        for (List<Send> records : PUBLICATION.phases()) {
            topics.publish(records);
            records.forEach(s -> published.merge(Send.streamOf(s.topic()).tag(), 1L, Long::sum));
            liveReadback.awaitRead(published, PHASE_TIMEOUT, "phase " + phase);
            upgradedReadback.awaitRead(published, PHASE_TIMEOUT, "phase " + phase);
            if (phase == savepointAfter) {
                upgrade(influx);
            }
            phase++;
        }
        liveReadback.awaitSettled(OUTPUT_TIMEOUT, (minutes, comparisons) -> comparisons > 0);
        upgradedReadback.awaitSettled(OUTPUT_TIMEOUT, (minutes, comparisons) -> comparisons > 0);
        live.cancel().get(30, TimeUnit.SECONDS);
        upgraded.cancel().get(30, TimeUnit.SECONDS);
        live = null;
        upgraded = null;
        liveOutput = PointSet.read(liveReadback, ReplayEqualMeasurements.ALL);
        upgradedOutput = PointSet.read(upgradedReadback, ReplayEqualMeasurements.ALL);
    }

    /** Stop with a canonical savepoint, rebuild the job, restore it with allowNonRestoredState=false. */
    private void upgrade(InfluxEndpoint influx) throws Exception {
        Path dir = Files.createTempDirectory("dealerpulse-savepoints");
        savepoint = upgraded.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(60, TimeUnit.SECONDS);
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        restore.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
        // Checkpointing on, as in production: without it the REST API has no checkpoint statistics
        // at all ("Checkpointing is not enabled"), so it cannot say which savepoint the job restored.
        restore.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(5));
        upgraded = ScoreJob.start(topics, influx.url(), UPGRADED, restore);
        restoredFrom = restoredCheckpointPath(upgraded);
    }

    @AfterAll
    void stop() throws Exception {
        for (JobClient job : new JobClient[] {live, upgraded}) {
            if (job != null) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
        if (topics != null) {
            topics.close();
        }
    }

    @Test
    void theUpgradedJobRestoredItsSavepoint() {
        assertThat(savepoint).as("stop-with-savepoint returned a path").isNotBlank();
        assertThat(restoredFrom).as("the restored job's checkpoint statistics name the savepoint it started from")
                .isNotNull().endsWith(Path.of(URI.create(savepoint).getPath()).getFileName().toString());
    }

    @Test
    void aSavepointUpgradeMidScenarioEndsWithTheSameOutputAsAnUninterruptedRun() {
        assertEqualAtSettledMinutes("live", liveOutput, "upgraded", upgradedOutput);
    }

    @Test
    void aBatchReprocessingEqualsTheLiveOutputInItsRange() {
        PointSet liveInRange = liveOutput.filter(e -> RANGE.contains(e.time().toEpochMilli()));
        assertThat(liveInRange.countsPerMeasurement().keySet()).as("the range holds every replay-equal measurement")
                .containsAll(ReplayEqualMeasurements.ALL);
        assertEqualAtSettledMinutes("live", liveInRange, "batch", firstBatch);
    }

    @Test
    void aBatchReprocessingWritesOnlyTheRangeAndOnlyReplayEqualMeasurements() {
        PointSet outside = firstBatch.filter(e -> !RANGE.contains(e.time().toEpochMilli())
                || !ReplayEqualMeasurements.contains(e.measurement()));
        assertThat(outside.points().keySet()).as("batch points outside %s or of excepted measurements", RANGE).isEmpty();
        assertThat(firstBatchSummary).as("the command's summary counts what InfluxDB holds")
                .containsEntry(KpiPoints.STAFFING_WINDOW, firstBatch.countsPerMeasurement().get(KpiPoints.STAFFING_WINDOW));
    }

    @Test
    void aSecondReprocessingOfTheSameRangeReplacesInsteadOfAdding() {
        assertThat(secondBatch.countsPerMeasurement()).isEqualTo(firstBatch.countsPerMeasurement());
        assertThat(secondBatchSummary).isEqualTo(firstBatchSummary);
        PointSetComparison same = PointSetComparison.between("first batch", firstBatch, "second batch", secondBatch);
        assertThat(same.isEmpty()).as(same.report()).isTrue();
    }

    /** Exact equality, minute scores only where settled; every minute point must exist on both sides. */
    private static void assertEqualAtSettledMinutes(String leftName, PointSet left, String rightName, PointSet right) {
        PointSetComparison settled = PointSetComparison.between(leftName, settledOnly(left), rightName, settledOnly(right));
        assertThat(settled.isEmpty()).as(settled.report()).isTrue();
        assertThat(settled.equalPoints()).as("points compared").isGreaterThan(1000);
        assertThat(minuteKeys(right)).as("%s minute points that exist in %s", rightName, leftName)
                .isEqualTo(minuteKeys(left));
    }

    private static PointSet settledOnly(PointSet points) {
        return points.filter(e -> !e.measurement().equals(ScorePoints.SITE_SCORE)
                || PUBLICATION.settled(e.tag("site"), e.time()));
    }

    private static Set<String> minuteKeys(PointSet points) {
        return points.filter(e -> e.measurement().equals(ScorePoints.SITE_SCORE)).points().values().stream()
                .map(p -> p.tags().get("site") + " " + p.time()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> allMeasurements() {
        List<String> all = new ArrayList<>(ReplayEqualMeasurements.ALL);
        all.addAll(List.of(KpiPoints.STREAM_ACCOUNTING, ScorePoints.COMPARISON_LIVE, ScorePoints.SITE_RANK_LIVE,
                ScorePoints.LEADERBOARD));
        return all;
    }

    private String[] batchArguments(KafkaEndpoint kafka, InfluxEndpoint influx) {
        List<String> args = new ArrayList<>(List.of(
                "--kafka.bootstrap.servers", kafka.bootstrapServers(),
                "--influx.url", influx.url(),
                "--influx.database", BATCH,
                "--influx.group-database-prefix", "replay_batch_group_", // not the live jobs' group database
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

    /** The external path of the checkpoint a job restored, from the MiniCluster's REST API (null if none). */
    private static String restoredCheckpointPath(JobClient job) throws Exception {
        Configuration client = FLINK.getClientConfiguration();
        URI uri = URI.create("http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT)
                + "/jobs/" + job.getJobID() + "/checkpoints");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = null;
        while (System.nanoTime() < deadline) {
            response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode restored = new ObjectMapper().readTree(response.body()).path("latest").path("restored");
                if (!restored.isMissingNode() && !restored.isNull()) {
                    return restored.path("external_path").asText();
                }
            }
            Thread.sleep(200);
        }
        System.err.println("GET " + uri + " named no restored checkpoint in 30 s; last answer: "
                + (response == null ? "none" : response.statusCode() + " " + response.body()));
        return null;
    }
}
