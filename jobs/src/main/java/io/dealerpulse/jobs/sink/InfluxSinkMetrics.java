package io.dealerpulse.jobs.sink;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * The sink's counters, registered in the writer's metric group (per subtask). Rejected points also
 * count in Flink's standard {@code numRecordsOutErrors}, written ones in {@code numRecordsSend}.
 */
final class InfluxSinkMetrics {
    static final String POINTS_WRITTEN = "influxPointsWritten";
    static final String BATCHES_WRITTEN = "influxBatchesWritten";
    static final String WRITE_RETRIES = "influxWriteRetries";
    static final String POINTS_REJECTED = "influxPointsRejected";

    private final SinkWriterMetricGroup group;
    private final Counter pointsWritten;
    private final Counter batchesWritten;
    private final Counter retries;
    private final Counter pointsRejected;

    InfluxSinkMetrics(SinkWriterMetricGroup group) {
        this.group = group;
        this.pointsWritten = group.counter(POINTS_WRITTEN);
        this.batchesWritten = group.counter(BATCHES_WRITTEN);
        this.retries = group.counter(WRITE_RETRIES);
        this.pointsRejected = group.counter(POINTS_REJECTED);
    }

    void written(int points, long bytes) {
        pointsWritten.inc(points);
        batchesWritten.inc();
        group.getNumRecordsSendCounter().inc(points);
        group.getNumBytesSendCounter().inc(bytes);
    }

    void retried() {
        retries.inc();
    }

    void rejected(int points) {
        pointsRejected.inc(points);
        group.getNumRecordsOutErrorsCounter().inc(points);
    }
}
