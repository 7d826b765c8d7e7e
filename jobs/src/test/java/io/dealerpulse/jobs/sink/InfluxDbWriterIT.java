package io.dealerpulse.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.testkit.InfluxDbExtension;
import io.dealerpulse.testkit.InfluxEndpoint;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.MetricsGroupTestUtils;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The writer's three write triggers (flush interval, batch size, {@code flush()}), the isolation of
 * a rejected point and the refusal of a misconfigured target, on a real influxd with a test clock
 * for the processing-time timer.
 */
@ExtendWith(InfluxDbExtension.class)
class InfluxDbWriterIT {
    private static final String DATABASE = "writer_it";
    private static final String MEASUREMENT = "writer_it_points";
    private static final long T0 = 1_767_258_000_000L; // 2026-01-01T09:00:00Z
    private static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    private final TestProcessingTimeService clock = new TestProcessingTimeService();
    private final InternalSinkWriterMetricGroup metrics = MetricsGroupTestUtils.mockWriterMetricGroup();
    private InfluxEndpoint influx;
    private InfluxDbWriter writer;

    @BeforeEach
    void freshDatabase(InfluxEndpoint influx) throws Exception {
        this.influx = influx;
        influx.query("", "DROP DATABASE " + DATABASE);
        influx.createDatabase(DATABASE);
        clock.setCurrentTime(0);
    }

    @AfterEach
    void closeWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void aBufferedPointIsWrittenWhenTheFlushIntervalElapsesWithoutACheckpoint() throws Exception {
        writer = writer(DATABASE, null, 1000);
        writer.write(point(1), null);
        clock.setCurrentTime(FLUSH_INTERVAL.toMillis() - 1);
        assertThat(count()).isZero();

        clock.setCurrentTime(FLUSH_INTERVAL.toMillis());
        assertThat(count()).isEqualTo(1);

        writer.write(point(2), null);
        clock.setCurrentTime(2 * FLUSH_INTERVAL.toMillis());
        assertThat(count()).as("the timer is re-armed after each flush").isEqualTo(2);
    }

    @Test
    void aFullBatchIsWrittenAtOnce() throws Exception {
        writer = writer(DATABASE, null, 3);
        writer.write(point(1), null);
        writer.write(point(2), null);
        assertThat(count()).isZero();

        writer.write(point(3), null);
        assertThat(count()).isEqualTo(3);
    }

    @Test
    void flushWritesEverythingBufferedBeforeItReturns() throws Exception {
        writer = writer(DATABASE, null, 1000);
        writer.write(point(1), null);
        writer.write(point(2), null);

        writer.flush(false);

        assertThat(count()).isEqualTo(2);
        assertThat(metrics.getNumRecordsSendCounter().getCount()).isEqualTo(2);
    }

    @Test
    void aRejectedPointIsIsolatedAndTheRestOfItsBatchIsWritten() throws Exception {
        influx.write(DATABASE, MEASUREMENT + " conflict=1i " + T0 * 1_000_000);
        writer = writer(DATABASE, null, 1000);
        for (int seq = 1; seq <= 7; seq++) {
            InfluxPoint point = point(seq);
            if (seq == 4) {
                point.field("conflict", "text");
            }
            writer.write(point, null);
        }

        writer.flush(false);

        assertThat(count()).isEqualTo(6);
        assertThat(metrics.getNumRecordsOutErrorsCounter().getCount()).isEqualTo(1);
    }

    @Test
    void aTombstoneDeletesItsSeriesPointInOrderWithTheBufferedWritesAndTwiceIsHarmless() throws Exception {
        writer = writer(DATABASE, null, 1000);
        InfluxPoint oldTags = point(1).tag("band", "old");
        writer.write(oldTags, null);
        writer.flush(false);
        writer.write(point(2), null);
        writer.write(point(1).tag("band", "other"), null); // same time, another series: stays
        writer.write(InfluxPoint.tombstoneOf(oldTags), null);
        writer.write(InfluxPoint.tombstoneOf(oldTags), null);
        writer.write(InfluxPoint.tombstoneOf(point(2)), null); // buffered before: written, then deleted
        writer.write(point(3), null);

        writer.flush(false);

        assertThat(count()).as("the other series' point at time 1 and point 3").isEqualTo(2);
        assertThat(influx.query(DATABASE, "SELECT seq, band FROM " + MEASUREMENT).at("/results/0/series/0/values")
                .toString()).contains("\"other\"").doesNotContain("\"old\"");
        assertThat(metrics.getNumRecordsOutErrorsCounter().getCount()).isZero();
    }

    @Test
    void aPointInfluxCannotStoreIsCountedWithoutReachingTheServer() throws Exception {
        writer = writer(DATABASE, null, 1000);
        writer.write(InfluxPoint.of(MEASUREMENT, T0).field("ratio", Double.NaN), null);
        writer.write(point(1), null);

        writer.flush(false);

        assertThat(count()).isEqualTo(1);
        assertThat(metrics.getNumRecordsOutErrorsCounter().getCount()).isEqualTo(1);
    }

    @Test
    void aMissingDatabaseFailsTheWriterWithWhatToCheck() throws Exception {
        writer = writer("no_such_database", null, 1000);
        writer.write(point(1), null);

        assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(IOException.class)
                .hasMessageContaining("'no_such_database'").hasMessageContaining("HTTP 404")
                .hasMessageContaining("CREATE DATABASE");
    }

    @Test
    void aMissingRetentionPolicyFailsTheWriterInsteadOfRetryingForever() throws Exception {
        writer = writer(DATABASE, "no_such_policy", 1000);
        writer.write(point(1), null);

        assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(IOException.class)
                .hasMessageContaining("retention policy not found");
    }

    private InfluxDbWriter writer(String database, String retentionPolicy, int batchSize) {
        InfluxDbSinkOptions options = InfluxDbSinkOptions.of(influx.url(), database, null, null)
                .withRetentionPolicy(retentionPolicy)
                .withBatching(batchSize, FLUSH_INTERVAL)
                .withRetries(Duration.ofSeconds(2), new RetryBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 0.5));
        return new InfluxDbWriter(options, new InfluxWriteClient(options.url(), null, null, options.requestTimeout()),
                clock, new InfluxSinkMetrics(metrics));
    }

    private static InfluxPoint point(int seq) {
        return InfluxPoint.of(MEASUREMENT, T0 + seq * 1000L).tag("site", "S1").field("seq", (long) seq);
    }

    private long count() {
        JsonNode value = influx.query(DATABASE, "SELECT count(seq) FROM " + MEASUREMENT).at("/results/0/series/0/values/0/1");
        return value.isMissingNode() ? 0 : value.asLong();
    }
}
