package io.dealerpulse.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.jobs.oracle.Bucket;
import io.dealerpulse.jobs.oracle.ExpectedWindow;
import io.dealerpulse.jobs.oracle.InputStream;
import io.dealerpulse.jobs.oracle.OracleOptions;
import io.dealerpulse.jobs.oracle.OracleResult;
import io.dealerpulse.jobs.oracle.StaffingOracle;
import io.dealerpulse.jobs.scenario.DealershipDayScenario;
import io.dealerpulse.jobs.scenario.ScenarioSite;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.InfluxDbExtension;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deterministic one-day scenario through the real pipeline: Kafka → {@code KpiPipeline} on a
 * MiniCluster at parallelism 2 → InfluxDB, read back with InfluxQL and compared with the independent
 * oracle, field by field. The uninterrupted run's content is then the reference for a site that is
 * offline all day, a failure restored from a RocksDB checkpoint, and a 30-second InfluxDB outage.
 *
 * <p>One scenario publish is shared by the bounded runs; each run writes to its own database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith({KafkaExtension.class, InfluxDbExtension.class})
class StaffingScenarioIT {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(ScenarioJob.PARALLELISM)
            .build());

    private static final DealershipDayScenario SCENARIO = DealershipDayScenario.build();
    private static final OracleResult EXPECTED = StaffingOracle.compute(SCENARIO.arrivals(), OracleOptions.DEFAULTS);
    /** The site whose agent is offline all day in the outage test. */
    private static final ScenarioSite OFFLINE = DealershipDayScenario.REUNION;

    private ScenarioTopics published;
    private Map<String, StoredWindow> uninterrupted;

    @BeforeAll
    void publishTheScenario(KafkaEndpoint kafka) {
        published = ScenarioTopics.create(kafka, "scenario");
        published.publish(SCENARIO.sends());
    }

    @Test
    @Order(1)
    void influxDbEqualsTheOracleFieldByFieldAndTheAccountingAddsUp(InfluxEndpoint influx) throws Exception {
        String db = "scenario_uninterrupted";
        influx.createDatabase(db);
        ScenarioJob job = new ScenarioJob(published, influx.url(), db);
        awaitEnd(job.start("scenario-uninterrupted"));

        InfluxReadback readback = new InfluxReadback(influx, db);
        uninterrupted = readback.staffingWindows();
        List<String> problems = new ArrayList<>();
        WindowDiff windows = WindowDiff.between(EXPECTED.windows(), uninterrupted);
        if (!windows.isEmpty()) {
            problems.add("staffing_window differs from the oracle: " + windows.report());
        }
        problems.addAll(AccountingCheck.problems(EXPECTED, readback));
        Map<String, String> types = readback.fieldTypes("staffing_window");
        if (!types.equals(CONTRACT_FIELD_TYPES)) {
            problems.add("staffing_window field types: expected " + CONTRACT_FIELD_TYPES + " stored " + types);
        }
        List<DeadLetter> late = readAll(published.kafka(), job.outputTopic(Topic.LATE_EVENTS));
        long expectedTooLate = java.util.Arrays.stream(InputStream.values())
                .mapToLong(s -> EXPECTED.streamTotals(s).get(Bucket.TOO_LATE)).sum();
        if (late.size() != expectedTooLate) {
            problems.add("late-events topic: expected " + expectedTooLate + " too-late events, got " + late.size()
                    + " " + late.stream().map(d -> d.getStream() + "/" + d.getReason() + "@" + d.getEventTime()).toList());
        }
        List<DeadLetter> dead = readAll(published.kafka(), job.outputTopic(Topic.DEAD_LETTER));
        if (dead.size() != SCENARIO.planted("corrupt")) {
            problems.add("dead-letter topic: expected the " + SCENARIO.planted("corrupt") + " corrupt records, got "
                    + dead.size() + " " + dead.stream().map(d -> d.getStream() + "/" + d.getReason()).toList());
        }
        long correctedLate = storedCorrectedLate(readback);
        if (correctedLate < SCENARIO.planted("late")) {
            problems.add("corrected_late over all streams is " + correctedLate + ", below the "
                    + SCENARIO.planted("late") + " events the scenario sends hours after their time");
        }
        assertThat(problems).as("uninterrupted run vs oracle (%d windows, %s)", EXPECTED.windows().size(),
                EXPECTED.statusCounts()).isEmpty();
    }

    @Test
    @Order(2)
    void aSiteOfflineAllDayCatchesUpWithoutLateEventsAndEndsEqualToTheUninterruptedRun(KafkaEndpoint kafka,
            InfluxEndpoint influx) throws Exception {
        String db = "scenario_offline_site";
        influx.createDatabase(db);
        ScenarioTopics topics = ScenarioTopics.create(kafka, "offline");
        JobClient job = new ScenarioJob(topics, influx.url(), db).unbounded().start("scenario-offline-site");
        try {
            InfluxReadback readback = new InfluxReadback(influx, db);
            topics.publish(SCENARIO.sends(DealershipDayScenario.fromAgentOf(OFFLINE).negate()));
            List<ExpectedWindow> others = EXPECTED.windows().stream().filter(w -> !w.site().equals(OFFLINE.id())).toList();
            List<String> problems = new ArrayList<>();
            WindowDiff whileOffline = awaitEqual(others, readback);
            if (!whileOffline.isEmpty()) {
                problems.add("while " + OFFLINE.id() + " is offline, the three other sites: " + whileOffline.report());
            }

            topics.publish(SCENARIO.sends(DealershipDayScenario.fromAgentOf(OFFLINE)));
            WindowDiff caughtUp = awaitEqual(EXPECTED.windows(), readback);
            if (!caughtUp.isEmpty()) {
                problems.add("once " + OFFLINE.id() + " is back, every site: " + caughtUp.report());
            }
            problems.addAll(awaitAccounting(readback));
            for (InputStream stream : List.of(InputStream.FOOTFALL, InputStream.KIOSK, InputStream.AGENT_STATUS)) {
                Long tooLate = readback.latestAccounting().getOrDefault(stream.tag(), Map.of())
                        .getOrDefault(OFFLINE.id(), Map.of()).get("too_late");
                if (tooLate == null || tooLate != 0) {
                    problems.add(stream.tag() + " too_late of the site that caught up: " + tooLate);
                }
            }
            if (uninterrupted != null) {
                WindowDiff againstRun = WindowDiff.between(uninterrupted, readback.staffingWindows());
                if (!againstRun.isEmpty()) {
                    problems.add("differs from the uninterrupted run: " + againstRun.report());
                }
            }
            assertThat(problems).isEmpty();
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(3)
    void aFailureMidStreamRestoresTheRocksDbCheckpointAndEndsEqualToTheUninterruptedRun(InfluxEndpoint influx,
            @TempDir Path checkpoints) throws Exception {
        String db = "scenario_restart";
        influx.createDatabase(db);
        FootfallTaps.reset();
        long halfTheFootfall = SCENARIO.countsPerTopic().get(Topic.FOOTFALL) / 2;
        awaitEnd(new ScenarioJob(published, influx.url(), db)
                .checkpointedWithRocksDb(checkpoints)
                .tapFootfall(new FootfallTaps.SlowAndMaybeFail(2, halfTheFootfall))
                .start("scenario-restart"));

        assertThat(FootfallTaps.FAILED).as("the test-induced failure happened after a completed checkpoint "
                + "(checkpoints completed: %d, footfall records seen: %d)", FootfallTaps.CHECKPOINTS_COMPLETED.get(),
                FootfallTaps.RECORDS.get()).isTrue();
        assertThat(FootfallTaps.OPENS.get()).as("footfall tap instances opened: the job restarted")
                .isGreaterThan(ScenarioJob.PARALLELISM);
        assertSameAsUninterruptedAndOracle(new InfluxReadback(influx, db));
    }

    @Test
    @Order(4)
    void influxDbDownFor30SecondsMidRunEndsEqualToTheUninterruptedRunWithoutARestart(InfluxEndpoint influx,
            @TempDir Path checkpoints) throws Exception {
        String db = "scenario_influx_outage";
        influx.createDatabase(db);
        FootfallTaps.reset();
        InfluxReadback readback = new InfluxReadback(influx, db);
        JobClient job = new ScenarioJob(published, influx.url(), db)
                .checkpointedWithRocksDb(checkpoints)
                .tapFootfall(new FootfallTaps.SlowAndMaybeFail(8, 0))
                .start("scenario-influx-outage");
        awaitTrue("the first windows in InfluxDB", Duration.ofSeconds(60), () -> !readback.staffingWindows().isEmpty());
        influx.stop();
        try {
            Thread.sleep(30_000);
            assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState())
                    .as("job still running (blocked on InfluxDB) after 30 s of outage").isFalse();
        } finally {
            influx.start();
        }
        awaitEnd(job);

        assertThat(FootfallTaps.OPENS.get()).as("footfall tap instances opened: no restart").isEqualTo(ScenarioJob.PARALLELISM);
        assertSameAsUninterruptedAndOracle(readback);
    }

    private void assertSameAsUninterruptedAndOracle(InfluxReadback readback) {
        Map<String, StoredWindow> stored = readback.staffingWindows();
        List<String> problems = new ArrayList<>();
        if (uninterrupted != null) {
            WindowDiff againstRun = WindowDiff.between(uninterrupted, stored);
            if (!againstRun.isEmpty()) {
                problems.add("differs from the uninterrupted run, point by point: " + againstRun.report());
            }
        } else {
            problems.add("the uninterrupted run did not complete, so there is no run to compare with");
        }
        WindowDiff againstOracle = WindowDiff.between(EXPECTED.windows(), stored);
        if (!againstOracle.isEmpty()) {
            problems.add("differs from the oracle: " + againstOracle.report());
        }
        assertThat(problems).isEmpty();
    }

    private static long storedCorrectedLate(InfluxReadback readback) {
        long sum = 0;
        for (Map<String, Map<String, Long>> sites : readback.latestAccounting().values()) {
            for (Map<String, Long> fields : sites.values()) {
                sum += fields.getOrDefault("corrected_late", 0L);
            }
        }
        return sum;
    }

    private static void awaitEnd(JobClient job) throws Exception {
        job.getJobExecutionResult().get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Polls until InfluxDB holds exactly these windows and returns the (empty) diff; gives up after
     * 60 s, or after 10 s without any change once at least as many points as expected are stored,
     * and returns the last diff.
     */
    private static WindowDiff awaitEqual(List<ExpectedWindow> expected, InfluxReadback readback)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, StoredWindow> previous = null;
        long unchangedSince = System.nanoTime();
        while (true) {
            Map<String, StoredWindow> stored = readback.staffingWindows();
            WindowDiff diff = WindowDiff.between(expected, stored);
            if (diff.isEmpty()) {
                return diff;
            }
            if (!stored.equals(previous)) {
                previous = stored;
                unchangedSince = System.nanoTime();
            }
            boolean settled = stored.size() >= expected.size()
                    && System.nanoTime() - unchangedSince > Duration.ofSeconds(10).toNanos();
            if (settled || System.nanoTime() > deadline) {
                return diff;
            }
            Thread.sleep(1000);
        }
    }

    /**
     * The accounting problems once the unbounded job has written its last totals: equal windows do
     * not mean the accounting is final, because inputs that change no window (e.g. footfall counted
     * after closing, read from its own topic after the heartbeats closed every window) are still
     * being counted. Polls until no problem is left, or the stored accounting has not changed for
     * 10 s, or 60 s have passed.
     */
    private static List<String> awaitAccounting(InfluxReadback readback) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Map<String, Map<String, Long>>> previous = null;
        long unchangedSince = System.nanoTime();
        while (true) {
            Map<String, Map<String, Map<String, Long>>> stored = readback.latestAccounting();
            if (AccountingCheck.problems(EXPECTED, stored).isEmpty()) {
                return List.of();
            }
            if (!stored.equals(previous)) {
                previous = stored;
                unchangedSince = System.nanoTime();
            }
            if (System.nanoTime() - unchangedSince > Duration.ofSeconds(10).toNanos() || System.nanoTime() > deadline) {
                return AccountingCheck.problems(EXPECTED, readback);
            }
            Thread.sleep(500);
        }
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    /** Every record of a single-partition output topic. */
    private static List<DeadLetter> readAll(KafkaEndpoint kafka, String topic) throws Exception {
        AvroCodec codec = AvroCodec.released();
        List<DeadLetter> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("readback-" + topic))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(codec.decode(record.value(), DeadLetter.class));
                }
            }
        }
        return records;
    }

    /** The contract's field types of {@code staffing_window}, as SHOW FIELD KEYS names them. */
    static final Map<String, String> CONTRACT_FIELD_TYPES = contractFieldTypes();

    private static Map<String, String> contractFieldTypes() {
        Map<String, String> types = new TreeMap<>();
        for (String f : List.of("visitors", "check_ins", "walk_ins", "appointments_due", "appointments_arrived",
                "waiting_served", "utc_offset_min")) {
            types.put(f, "integer");
        }
        for (String f : List.of("staff_on_duty", "visitors_per_staff", "waiting_mean_s", "waiting_p90_s", "target_min",
                "target_max")) {
            types.put(f, "float");
        }
        types.put("ratio_valid", "boolean");
        types.put("unstaffed", "boolean");
        types.put("status", "string");
        return types;
    }
}
