package io.dealerpulse.jobs.it.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.jobs.it.InfluxJson;
import io.dealerpulse.jobs.oracle.score.ScoreOracle;
import io.dealerpulse.jobs.oracle.score.ScoreOracleResult;
import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.jobs.scenario.network.NetworkScenario;
import io.dealerpulse.jobs.scenario.network.NetworkSite;
import io.dealerpulse.jobs.scenario.network.PhasedPublication;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.InfluxDbExtension;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10 item 5 for the score outputs: the six-site, 16-day network scenario through the real
 * pipeline (Kafka → {@code KpiPipeline} on a MiniCluster at parallelism 2 → InfluxDB) while things
 * break, and InfluxDB's final content compared with the plain-Java score oracle by
 * {@link ScoreOracleCheck}: minute scores at every settled minute and their existence at every
 * passed minute, daily scores, tier changes, daily comparisons and ranks.
 *
 * <p>One phased publish (see {@link PhasedPublication}) feeds two jobs at once, each into its own
 * database:
 * <ul>
 *   <li><b>task failure</b>: RocksDB, a checkpoint every 500 ms, fixed-delay restarts. A quarter of
 *       the way through, once a checkpoint holds every phase read so far, a map on the footfall input
 *       throws on the next phase's first record; the job restores the checkpoint and replays;</li>
 *   <li><b>savepoint</b>: halfway, stopped with a canonical savepoint and restored from it in a new
 *       job (no unclaimed state allowed), then fed the rest;</li>
 * </ul>
 * and three quarters of the way through InfluxDB is stopped for {@value #OUTAGE_SECONDS} s while a
 * phase is published, under both jobs (checkpoints every 500 ms and 5 s). Then a third job, on its
 * own topics, sees one site offline for 34 hours (a whole local day and the next morning) and
 * catching up while the other five go on.
 *
 * <p>Why phases matter here: a recovery replays from the checkpoint's offsets, and inside a replay
 * the job interleaves its topics freely; the failure is therefore put where the checkpoint's
 * offsets are the end of a phase, and the next phase is published only when the restored job has
 * committed every offset, so the replay spans one phase — as in a run without failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({KafkaExtension.class, InfluxDbExtension.class})
class ScoreFailuresIT {
    private static final String FAILURE_DB = "score_task_failure";
    private static final String SAVEPOINT_DB = "score_savepoint";
    private static final String OFFLINE_DB = "score_offline_site";
    private static final long OUTAGE_SECONDS = 12;
    /** Upper bounds of waits, generous for a loaded 2-core machine; the first phase includes the jobs' start. */
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FIRST_PHASE_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(60);

    /** Offline from local midnight of a Thursday to 10:00 the next day: its daily score waits, the others' do not. */
    private static final NetworkSite OFFLINE = NetworkScenario.LYON;
    private static final LocalDate OFFLINE_DAY = LocalDate.of(2026, 3, 26);
    private static final Instant OFFLINE_FROM = OFFLINE_DAY.atStartOfDay(NetworkScenario.ZONE).toInstant();
    private static final Instant OFFLINE_UNTIL = OFFLINE_DAY.plusDays(1).atTime(LocalTime.of(10, 0))
            .atZone(NetworkScenario.ZONE).toInstant();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2 * ScoreJob.PARALLELISM)
            .build());

    /**
     * The scenario's days run: by default its first nine (Friday 2026-03-20 to Saturday 03-28, with
     * Amiens' closed day, the offline day and the mover's region change), which halves the run time;
     * {@code -Ddealerpulse.score-failures.last-day=2026-04-04} runs all sixteen.
     */
    private static final LocalDate LAST_DAY = LocalDate.parse(System.getProperty("dealerpulse.score-failures.last-day",
            "2026-03-28"));
    private static final PhasedPublication PUBLICATION = NetworkScenario.build().publication();
    private static final List<List<Send>> PHASES = phasesUntil(LAST_DAY.plusDays(1).atStartOfDay(NetworkScenario.ZONE).toInstant());
    private static final ScoreOracleCheck ORACLE = new ScoreOracleCheck(ScoreOracle.compute(arrivals(PHASES)), PUBLICATION);

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private ScoreTopics topics;
    private JobClient failing;
    private JobClient upgraded;
    // what the shared run observed, asserted by the tests
    private int failurePhase = -1;
    private int opensAfterFailure;
    private JsonNode failureRestored;
    private String savepoint;
    private JsonNode savepointRestored;
    private int opensBeforeOutage;
    private int opensAfterOutage;
    private final List<String> notRunningDuringOutage = new ArrayList<>();
    private long checkpointAtOutageEnd;
    private long checkpointAfterOutage;

    @BeforeAll
    void runTheFailuresAndTheUpgrade(KafkaEndpoint kafka, InfluxEndpoint influx, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        // The extension makes its cluster the context environment only around each test method; these
        // jobs start here, so they are sent to it explicitly (its REST API then knows them).
        TestStreamEnvironment.setAsContext(cluster, ScoreJob.PARALLELISM);
        try {
            runSharedPublish(kafka, influx);
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }
    }

    private void runSharedPublish(KafkaEndpoint kafka, InfluxEndpoint influx) throws Exception {
        influx.createDatabase(FAILURE_DB);
        influx.createDatabase(SAVEPOINT_DB);
        ScoreReadback failureReadback = new ScoreReadback(influx, FAILURE_DB);
        ScoreReadback savepointReadback = new ScoreReadback(influx, SAVEPOINT_DB);
        topics = new ScoreTopics(kafka, "failures");
        FailWhenArmed.reset();
        failing = ScoreJob.start(topics, influx.url(), FAILURE_DB, checkpointedWithRestarts(), new FailWhenArmed());
        upgraded = ScoreJob.start(topics, influx.url(), SAVEPOINT_DB);

        List<List<Send>> phases = PHASES;
        int failAt = firstPhaseWithFootfallFrom(phases, phases.size() / 4);
        int savepointAfter = phases.size() / 2;
        int outageAt = firstPhaseWithFootfallFrom(phases, 3 * phases.size() / 4);
        Map<String, Long> published = new TreeMap<>();
        long started = System.nanoTime();
        for (int phase = 0; phase < phases.size(); phase++) {
            List<Send> records = phases.get(phase);
            records.forEach(s -> published.merge(Send.streamOf(s.topic()).tag(), 1L, Long::sum));
            if (phase == failAt) {
                failurePhase = phase;
                awaitCheckpointAfterNow();
                FailWhenArmed.arm();
                topics.publish(records);
                awaitCommittedToEnd(kafka, "score-it-" + FAILURE_DB, RECOVERY_TIMEOUT);
                opensAfterFailure = FailWhenArmed.OPENS.get();
                failureRestored = RestoredCheckpoint.of(FLINK.getClientConfiguration(), failing.getJobID(), Duration.ofSeconds(30));
            } else if (phase == outageAt) {
                publishDuringInfluxOutage(influx, records);
            } else {
                topics.publish(records);
            }
            failureReadback.awaitRead(published, phase == 0 ? FIRST_PHASE_TIMEOUT : PHASE_TIMEOUT, FAILURE_DB + ", phase " + phase);
            savepointReadback.awaitRead(published, phase == 0 ? FIRST_PHASE_TIMEOUT : PHASE_TIMEOUT, SAVEPOINT_DB + ", phase " + phase);
            if (phase == savepointAfter) {
                upgrade(influx);
            }
        }
        failureReadback.awaitSettled(OUTPUT_TIMEOUT, (minutes, comparisons) -> comparisons > 0);
        savepointReadback.awaitSettled(OUTPUT_TIMEOUT, (minutes, comparisons) -> comparisons > 0);
        // free their slots for the offline-site job (the MiniCluster has room for two jobs)
        failing.cancel().get(30, TimeUnit.SECONDS);
        upgraded.cancel().get(30, TimeUnit.SECONDS);
        figures.put("phases", phases.size());
        figures.put("records", published.values().stream().mapToLong(Long::longValue).sum());
        figures.put("failure at phase", failAt);
        figures.put("savepoint after phase", savepointAfter);
        figures.put("InfluxDB outage at phase", outageAt);
        figures.put("shared publish (s)", (System.nanoTime() - started) / 1_000_000_000);
        figures.put("settled minutes compared", ORACLE.settledMinutes());
    }

    private static Configuration checkpointedWithRestarts() throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                Files.createTempDirectory("dealerpulse-score-checkpoints").toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        return conf;
    }

    /**
     * Waits for two checkpoints to complete after this call: with one checkpoint at a time, the
     * second was triggered after the first completed, i.e. after everything read so far was
     * processed, so its offsets are the end of the phase just read.
     */
    private void awaitCheckpointAfterNow() throws InterruptedException {
        long now = FailWhenArmed.LATEST_CHECKPOINT.get();
        awaitTrue("two completed checkpoints after checkpoint " + now, Duration.ofSeconds(60),
                () -> FailWhenArmed.LATEST_CHECKPOINT.get() >= now + 2);
    }

    private void publishDuringInfluxOutage(InfluxEndpoint influx, List<Send> records) throws Exception {
        opensBeforeOutage = FailWhenArmed.OPENS.get();
        long checkpointAtOutageStart = FailWhenArmed.LATEST_CHECKPOINT.get();
        influx.stop();
        try {
            topics.publish(records); // the jobs now hold points they cannot write
            Thread.sleep(OUTAGE_SECONDS * 1000);
            for (JobClient job : List.of(failing, upgraded)) {
                if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                    notRunningDuringOutage.add(job.getJobID() + " " + job.getJobStatus().get());
                }
            }
            checkpointAtOutageEnd = FailWhenArmed.LATEST_CHECKPOINT.get();
            figures.put("checkpoints completed during the outage", checkpointAtOutageEnd - checkpointAtOutageStart);
        } finally {
            influx.start();
        }
        long back = System.nanoTime();
        awaitTrue("a checkpoint completing after InfluxDB is back", Duration.ofSeconds(60),
                () -> FailWhenArmed.LATEST_CHECKPOINT.get() > checkpointAtOutageEnd);
        checkpointAfterOutage = FailWhenArmed.LATEST_CHECKPOINT.get();
        figures.put("first checkpoint after InfluxDB returned (ms)", (System.nanoTime() - back) / 1_000_000);
        opensAfterOutage = FailWhenArmed.OPENS.get();
    }

    /** Stop with a canonical savepoint, rebuild the job, restore it with allowNonRestoredState=false. */
    private void upgrade(InfluxEndpoint influx) throws Exception {
        Path dir = Files.createTempDirectory("dealerpulse-score-savepoints");
        savepoint = upgraded.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(60, TimeUnit.SECONDS);
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        restore.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
        // checkpointing on, as in production; the REST API reports a restore only when it is
        restore.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(5));
        upgraded = ScoreJob.start(topics, influx.url(), SAVEPOINT_DB, restore);
        savepointRestored = RestoredCheckpoint.of(FLINK.getClientConfiguration(), upgraded.getJobID(), Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() throws Exception {
        System.out.println("[score-failures] " + figures);
        for (JobClient job : new JobClient[] {failing, upgraded}) {
            if (job != null && !job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
        if (topics != null) {
            topics.close();
        }
    }

    @Test
    void aTaskFailureMidStreamRestoresTheCheckpointAndEndsEqualToTheOracle(InfluxEndpoint influx) {
        assertThat(FailWhenArmed.FAILURES.get()).as("test-induced failures").isEqualTo(1);
        assertThat(opensAfterFailure).as("footfall tap instances opened by phase %d: the job restarted once", failurePhase)
                .isEqualTo(2 * ScoreJob.PARALLELISM);
        assertThat(failureRestored).as("the restarted job names the checkpoint it restored").isNotNull();
        assertThat(failureRestored.path("is_savepoint").asBoolean(true)).as("restored a checkpoint, not a savepoint").isFalse();
        figures.put("task failure: restored checkpoint", failureRestored.path("id").asLong());
        List<String> problems = ORACLE.problems(new ScoreReadback(influx, FAILURE_DB));
        assertThat(problems).as("task failure at phase %d vs the score oracle", failurePhase).isEmpty();
    }

    @Test
    void aSavepointRestoreMidStreamEndsEqualToTheOracle(InfluxEndpoint influx) {
        assertThat(savepoint).as("stop-with-savepoint returned a path").isNotBlank();
        assertThat(savepointRestored).as("the new job names the savepoint it restored").isNotNull();
        assertThat(savepointRestored.path("external_path").asText())
                .endsWith(Path.of(java.net.URI.create(savepoint).getPath()).getFileName().toString());
        List<String> problems = ORACLE.problems(new ScoreReadback(influx, SAVEPOINT_DB));
        assertThat(problems).as("savepoint restore vs the score oracle").isEmpty();
    }

    @Test
    void influxDbDownAcrossCheckpointsNeitherFailsNorRestartsTheJobs() {
        assertThat(notRunningDuringOutage).as("jobs that ended during the %d s InfluxDB outage", OUTAGE_SECONDS).isEmpty();
        assertThat(opensAfterOutage).as("footfall tap instances: no restart because of the outage")
                .isEqualTo(opensBeforeOutage);
        assertThat(checkpointAfterOutage).as("a checkpoint completed after InfluxDB returned")
                .isGreaterThan(checkpointAtOutageEnd);
        // that both jobs, which lived through the outage, end equal to the oracle is asserted above
    }

    @Test
    void aSiteOfflineForADayCatchesUpWithoutLateEventsAndEndsEqualToTheOracle(KafkaEndpoint kafka, InfluxEndpoint influx)
            throws Exception {
        OfflineSitePhases plan = new OfflineSitePhases(PHASES, OFFLINE.id(), OFFLINE_FROM, OFFLINE_UNTIL);
        ScoreOracleCheck oracle = new ScoreOracleCheck(ScoreOracle.compute(plan.arrivals()), PUBLICATION);
        influx.createDatabase(OFFLINE_DB);
        ScoreReadback readback = new ScoreReadback(influx, OFFLINE_DB);
        List<String> problems = new ArrayList<>();
        long started = System.nanoTime();
        try (ScoreTopics offlineTopics = new ScoreTopics(kafka, "score-offline")) {
            JobClient job = ScoreJob.start(offlineTopics, influx.url(), OFFLINE_DB);
            try {
                Map<String, Long> published = new TreeMap<>();
                for (int phase = 0; phase < plan.phases().size(); phase++) {
                    List<Send> records = plan.phases().get(phase);
                    offlineTopics.publish(records);
                    records.forEach(s -> published.merge(Send.streamOf(s.topic()).tag(), 1L, Long::sum));
                    readback.awaitRead(published, phase == 0 ? FIRST_PHASE_TIMEOUT : PHASE_TIMEOUT, OFFLINE_DB + ", phase " + phase);
                    if (phase == plan.lastOfflinePhase()) {
                        problems.addAll(whileOffline(readback));
                    }
                }
                readback.awaitSettled(OUTPUT_TIMEOUT, (minutes, comparisons) -> comparisons > 0);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
        figures.put("offline site: records held back", plan.held());
        figures.put("offline site run (s)", (System.nanoTime() - started) / 1_000_000_000);
        problems.addAll(tooLateOf(influx, OFFLINE.id()));
        problems.addAll(oracle.problems(readback));
        assertThat(problems).as("%s offline from %s to %s", OFFLINE.id(), OFFLINE_FROM, OFFLINE_UNTIL).isEmpty();
    }

    /**
     * While the site is offline: the other sites have their daily score of the offline day (their
     * clocks passed it, the offline site's did not), the offline site has none, and the day's
     * daily comparisons wait for it.
     */
    private static List<String> whileOffline(ScoreReadback readback) throws InterruptedException {
        // the accounting the phase wait reads is written before the scores downstream: poll for them
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> problems = dailyScoresWhileOffline(readback);
        while (!problems.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            problems = dailyScoresWhileOffline(readback);
        }
        return problems;
    }

    private static List<String> dailyScoresWhileOffline(ScoreReadback readback) {
        List<String> problems = new ArrayList<>();
        String day = "\"local_date\" = '" + OFFLINE_DAY + "'";
        Map<String, Integer> dailyPerSite = new HashMap<>();
        for (StoredPoint p : readback.points(ScoreOracle.SITE_SCORE_DAILY, day)) {
            dailyPerSite.merge(p.tags().get("site"), 1, Integer::sum);
        }
        for (NetworkSite site : NetworkScenario.SITES) {
            boolean open = NetworkScenario.isOpenDay(site, OFFLINE_DAY);
            boolean has = dailyPerSite.containsKey(site.id());
            if (site.equals(OFFLINE) && has) {
                problems.add("while offline, " + site.id() + " already has a daily score for " + OFFLINE_DAY);
            } else if (!site.equals(OFFLINE) && open && !has) {
                problems.add("while " + OFFLINE.id() + " is offline, " + site.id() + " has no daily score for " + OFFLINE_DAY
                        + " although its clock passed that day: does one site's outage hold the others back?");
            }
        }
        List<StoredPoint> comparisons = readback.points(ScoreOracle.COMPARISON_DAILY, day);
        if (!comparisons.isEmpty()) {
            problems.add("daily comparisons of " + OFFLINE_DAY + " written before " + OFFLINE.id() + " closed that day: "
                    + comparisons.size() + " points");
        }
        return problems;
    }

    /** The site's too_late count per agent stream: 0, since it catches up on its own clock. */
    private static List<String> tooLateOf(InfluxEndpoint influx, String site) {
        List<String> problems = new ArrayList<>();
        for (String stream : List.of("footfall", "kiosk", "agent-status")) {
            List<JsonNode> series = InfluxJson.series(influx, OFFLINE_DB, "SELECT too_late FROM stream_accounting WHERE \"site\" = '"
                    + site + "' AND \"stream\" = '" + stream + "' ORDER BY time DESC LIMIT 1");
            Long tooLate = series.isEmpty() ? null : series.get(0).path("values").get(0).get(1).asLong();
            if (tooLate == null || tooLate != 0) {
                problems.add(stream + " too_late of " + site + " after catching up: " + tooLate + " (expected 0)");
            }
        }
        return problems;
    }

    /** Waits until the group's committed offsets reach the end of every input topic (the consumer has processed all). */
    private void awaitCommittedToEnd(KafkaEndpoint kafka, String group, Duration timeout) throws Exception {
        List<String> inputs = List.of(Topic.FOOTFALL, Topic.KIOSK, Topic.APPOINTMENTS, Topic.SURVEYS, Topic.SITE_REGISTRY,
                Topic.AGENT_STATUS).stream().map(topics::name).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(inputs).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            Map<TopicPartition, Long> behind = Map.of();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                behind = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
                for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                    OffsetAndMetadata c = committed.get(end.getKey());
                    long at = c == null ? 0 : c.offset();
                    if (at < end.getValue()) {
                        behind.put(end.getKey(), end.getValue() - at);
                    }
                }
                if (behind.isEmpty()) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("after " + timeout + " the recovered job of group " + group
                    + " has not committed every published offset; records behind per partition: " + behind);
        }
    }

    /**
     * The publication cut at {@code end} (a phase boundary: local midnight), as if the scenario
     * stopped there: of the importers' phase the records sent by then, then every agent phase whose
     * records come before it (a phase never straddles a midnight cut).
     */
    private static List<List<Send>> phasesUntil(Instant end) {
        List<List<Send>> all = PUBLICATION.phases();
        List<List<Send>> kept = new ArrayList<>();
        kept.add(all.get(0).stream().filter(s -> s.sendTime().isBefore(end)).toList());
        for (List<Send> phase : all.subList(1, all.size())) {
            Instant first = OfflineSitePhases.firstAgentTime(phase);
            if (first == null || !first.isBefore(end)) {
                break;
            }
            kept.add(phase);
        }
        return kept;
    }

    private static List<io.dealerpulse.jobs.oracle.Arrival> arrivals(List<List<Send>> phases) {
        return phases.stream().flatMap(List::stream).map(Send::arrival).toList();
    }

    private static int firstPhaseWithFootfallFrom(List<List<Send>> phases, int from) {
        for (int i = from; i < phases.size(); i++) {
            if (phases.get(i).stream().anyMatch(s -> s.topic() == Topic.FOOTFALL)) {
                return i;
            }
        }
        throw new IllegalStateException("no phase with footfall from phase " + from);
    }

    private static void awaitTrue(String what, Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
