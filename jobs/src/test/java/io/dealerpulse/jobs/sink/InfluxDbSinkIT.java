package io.dealerpulse.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.testkit.InfluxDbExtension;
import io.dealerpulse.testkit.InfluxEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The InfluxDB sink against a real influxd, in one MiniCluster job at parallelism 2 with
 * checkpointing and no restart strategy (any failure fails the test). The job writes every point
 * twice (idempotence), routes every fifth point to a second database, carries one point whose field
 * type conflicts with what the database holds, and runs through a 10 s InfluxDB outage. All
 * assertions share that one run.
 */
@ExtendWith(InfluxDbExtension.class)
class InfluxDbSinkIT {
    private static final String DATABASE = "sink_it";
    private static final String GROUP_DATABASE = "sink_it_group";
    private static final String MEASUREMENT = "sink_it_points";
    /** Distinct points; the source emits each twice. */
    private static final int POINTS = 2000;
    private static final int CONFLICTING_SEQ = 101;
    private static final long FIRST_TIMESTAMP = 1_767_258_000_000L; // 2026-01-01T09:00:00Z
    private static final String LABEL = "say \"hi\", a=b \\ c";
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .build());

    private static final CapturedLog WRITER_LOG = CapturedLog.of(InfluxDbWriter.class);

    private static boolean started;
    private static JobID jobId;
    private static int pointsBeforeOutage;

    /**
     * Runs the job once, through an outage; the tests check what it left behind. Before the first test
     * rather than in {@code @BeforeAll}: MiniClusterExtension provides its environment per test.
     */
    @BeforeEach
    void runJobOnceThroughAnOutage(InfluxEndpoint influx) throws Exception {
        if (started) {
            assertThat(jobId).as("the shared job run failed; see the first test's error").isNotNull();
            return;
        }
        started = true;
        influx.query("", "DROP DATABASE " + DATABASE);
        influx.query("", "DROP DATABASE " + GROUP_DATABASE);
        influx.createDatabase(DATABASE);
        influx.createDatabase(GROUP_DATABASE);
        // The database already holds "visitors" as an integer in this shard; the job's conflicting point sends a float.
        influx.write(DATABASE, MEASUREMENT + ",site=S0 visitors=3i " + FIRST_TIMESTAMP * 1_000_000);

        Configuration config = new Configuration();
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        // Checkpoints cannot complete while the sink waits for InfluxDB: tolerate their timeouts.
        config.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofSeconds(3));
        config.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 100);
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);

        DataGeneratorSource<InfluxPoint> source = new DataGeneratorSource<>(new TwicePerPoint(), 2L * POINTS,
                RateLimiterStrategy.perSecond(250), TypeInformation.of(InfluxPoint.class));
        InfluxDbSinkOptions options = InfluxDbSinkOptions.of(influx.url(), DATABASE, null, null)
                .withBatching(100, Duration.ofMillis(200))
                .withRetries(Duration.ofSeconds(2), new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0.5));
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "points")
                .sinkTo(new InfluxDbSink(options)).name("InfluxDB").uid("influxdb-sink");

        JobClient job = env.executeAsync("influxdb-sink-it");

        await().atMost(Duration.ofSeconds(60)).until(() -> countSeq(influx, DATABASE) >= 300);
        pointsBeforeOutage = countSeq(influx, DATABASE);
        influx.stop();
        Thread.sleep(OUTAGE.toMillis());
        influx.start();
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
        jobId = job.getJobID();
    }

    @Test
    void everyPointArrivesDespiteTheOutageAndDuplicatesCollapseIntoOnePoint(InfluxEndpoint influx) {
        int routedAway = POINTS / 5;
        assertThat(countSeq(influx, DATABASE))
                .as("each of the %d points written twice, minus the %d of the group database and the conflicting one",
                        POINTS, routedAway)
                .isEqualTo(POINTS - routedAway - 1);
        assertThat(pointsBeforeOutage).as("the outage started mid-stream").isLessThan(POINTS - routedAway - 1);
        assertThat(sum(InfluxSinkMetrics.WRITE_RETRIES)).as("writes retried during the outage").isPositive();
        assertThat(WRITER_LOG.lines()).as("the outage and the recovery are logged")
                .anyMatch(line -> line.startsWith("WARN Writing") && line.contains("no response"))
                .anyMatch(line -> line.startsWith("INFO InfluxDB accepted") && line.contains("retries"));
    }

    @Test
    void pointsNamingTheirDatabaseAreWrittenThere(InfluxEndpoint influx) {
        assertThat(countSeq(influx, GROUP_DATABASE)).isEqualTo(POINTS / 5);
        JsonNode row = single(influx, GROUP_DATABASE, "SELECT seq FROM " + MEASUREMENT + " WHERE seq = 5");
        assertThat(row.get(1).asLong()).isEqualTo(5);
    }

    @Test
    void everyFieldTypeReadsBackAsWritten(InfluxEndpoint influx) {
        JsonNode answer = influx.query(DATABASE,
                "SELECT seq, ratio, ok, label, site FROM " + MEASUREMENT + " WHERE seq = 7");
        JsonNode series = answer.at("/results/0/series/0");
        assertThat(series.get("columns").toString()).isEqualTo("[\"time\",\"seq\",\"ratio\",\"ok\",\"label\",\"site\"]");
        JsonNode row = series.at("/values/0");
        assertThat(row.get(0).asText()).isEqualTo("2026-01-01T09:00:07Z");
        assertThat(row.get(1).isIntegralNumber()).isTrue();
        assertThat(row.get(1).asLong()).isEqualTo(7);
        assertThat(row.get(2).asDouble()).isEqualTo(3.5);
        assertThat(row.get(3).asBoolean()).isFalse();
        assertThat(row.get(4).asText()).isEqualTo(LABEL);
        assertThat(row.get(5).asText()).isEqualTo("S 7, a=b");
    }

    @Test
    void aFieldTypeConflictIsCountedAndTheJobGoesOn(InfluxEndpoint influx) {
        // Emitted twice, rejected twice; the job finished (no restart strategy) and wrote everything else.
        assertThat(sum(InfluxSinkMetrics.POINTS_REJECTED)).isEqualTo(2);
        assertThat(sum("numRecordsOutErrors")).isEqualTo(2);
        JsonNode answer = influx.query(DATABASE, "SELECT seq FROM " + MEASUREMENT + " WHERE seq = " + CONFLICTING_SEQ);
        assertThat(answer.at("/results/0/series").isMissingNode()).as("the conflicting point is not stored").isTrue();
        assertThat(WRITER_LOG.lines()).filteredOn(line -> line.startsWith("ERROR InfluxDB rejected a point"))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("HTTP 400", "field type conflict", "dropped=1",
                        "seq=" + CONFLICTING_SEQ + "i"));
        JsonNode anchor = single(influx, DATABASE, "SELECT visitors FROM " + MEASUREMENT + " WHERE site = 'S0'");
        assertThat(anchor.get(1).asLong()).as("the stored integer is untouched").isEqualTo(3);
    }

    @Test
    void writtenPointsAndBatchesAreCounted() {
        // Every emitted point but the two rejected ones was acknowledged at least once (re-sent halves
        // of a rejected batch count again), in far fewer batches than points.
        assertThat(sum(InfluxSinkMetrics.POINTS_WRITTEN)).isGreaterThanOrEqualTo(2L * POINTS - 2);
        assertThat(sum(InfluxSinkMetrics.BATCHES_WRITTEN)).isPositive().isLessThan(POINTS);
    }

    /** Index i emits point i / 2: every point twice in a row. */
    static final class TwicePerPoint implements GeneratorFunction<Long, InfluxPoint> {
        @Override
        public InfluxPoint map(Long index) {
            int seq = (int) (index / 2);
            InfluxPoint point = InfluxPoint.of(MEASUREMENT, FIRST_TIMESTAMP + seq * 1000L)
                    .tag("site", "S " + (seq % 10) + ", a=b")
                    .field("seq", (long) seq)
                    .field("ratio", seq / 2.0)
                    .field("ok", seq % 2 == 0)
                    .field("label", LABEL);
            if (seq % 5 == 0) {
                point.database(GROUP_DATABASE);
            }
            if (seq == CONFLICTING_SEQ) {
                point.field("visitors", 1.5);
            }
            return point;
        }
    }

    private static int countSeq(InfluxEndpoint influx, String database) {
        JsonNode values = influx.query(database, "SELECT count(seq) FROM " + MEASUREMENT).at("/results/0/series/0/values/0");
        return values.isMissingNode() ? 0 : values.get(1).asInt();
    }

    private static JsonNode single(InfluxEndpoint influx, String database, String influxql) {
        JsonNode values = influx.query(database, influxql).at("/results/0/series/0/values");
        assertThat(values.size()).as("rows of %s", influxql).isEqualTo(1);
        return values.get(0);
    }

    /** A counter summed over the sink's subtasks. */
    private static long sum(String metricName) {
        Map<String, Metric> metrics = METRICS.getMetricsByIdentifiers(jobId);
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().endsWith("." + metricName) && e.getValue() instanceof Counter)
                .filter(e -> e.getKey().contains("InfluxDB"))
                .mapToLong(e -> ((Counter) e.getValue()).getCount())
                .sum();
    }
}
