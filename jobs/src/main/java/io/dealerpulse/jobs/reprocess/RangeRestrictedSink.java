package io.dealerpulse.jobs.reprocess;

import io.dealerpulse.jobs.sink.InfluxPoint;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes to the InfluxDB sink only what a reprocessing replaces: points (and tombstones) of the
 * {@link ReplayEqualMeasurements} stored in the range. The warm-up's and tail's points, live
 * comparisons and accounting are dropped, so the reprocessing writes exactly the set it deleted.
 * Each writer logs at close how many points it passed per measurement and how many it dropped.
 *
 * <h2>Why the points are partitioned by series before the writers</h2>
 * A point is rewritten as its value changes (a window as later events of its day arrive, the
 * current minute's score on every event); the last write must win. In STREAMING mode each operator's
 * output reaches the writer of the same subtask (forward), so the versions of a point arrive in
 * order at one writer. In BATCH mode Flink's adaptive batch scheduler may turn an edge whose
 * parallelism was not set explicitly into a rebalance, and two versions of one point on two writers,
 * each flushing on its own, could land in either order. Hashing by series key sends every version of a
 * point to one writer, in the order its operator emitted them (one producer per series, and a
 * network channel keeps order). A custom partitioning, not {@code keyBy}: a keyed writer input
 * would be sorted by timestamp in BATCH mode, and versions emitted for one input share its timestamp.
 */
public final class RangeRestrictedSink implements Sink<InfluxPoint>, SupportsPreWriteTopology<InfluxPoint> {
    private static final long serialVersionUID = 1L;
    /** Stable uid of the range filter in front of the writers. */
    public static final String RANGE_FILTER_UID = "influx-sink-range-filter";
    private static final Logger LOG = LoggerFactory.getLogger(RangeRestrictedSink.class);

    private final Sink<InfluxPoint> delegate;
    private final ReprocessRange range;

    public RangeRestrictedSink(Sink<InfluxPoint> delegate, ReprocessRange range) {
        this.delegate = delegate;
        this.range = range;
    }

    /** Whether a point is written by a reprocessing of {@code range}. */
    public static boolean keeps(InfluxPoint point, ReprocessRange range) {
        return ReplayEqualMeasurements.contains(point.getMeasurement()) && range.contains(point.getTimestampMillis());
    }

    @Override
    public DataStream<InfluxPoint> addPreWriteTopology(DataStream<InfluxPoint> points) {
        ReprocessRange kept = range;
        return points.filter(point -> keeps(point, kept)).uid(RANGE_FILTER_UID)
                .name("Replay-equal points in " + range.from() + " .. " + range.to())
                .partitionCustom((key, partitions) -> Math.floorMod(key.hashCode(), partitions), InfluxPoint::seriesKey);
    }

    @Override
    public SinkWriter<InfluxPoint> createWriter(WriterInitContext context) throws IOException {
        return new Writer(delegate.createWriter(context), range, context.getTaskInfo().getIndexOfThisSubtask());
    }

    private static final class Writer implements SinkWriter<InfluxPoint> {
        private final SinkWriter<InfluxPoint> delegate;
        private final ReprocessRange range;
        private final int subtask;
        private final Map<String, Long> written = new TreeMap<>();
        private long dropped;

        Writer(SinkWriter<InfluxPoint> delegate, ReprocessRange range, int subtask) {
            this.delegate = delegate;
            this.range = range;
            this.subtask = subtask;
        }

        @Override
        public void write(InfluxPoint point, Context context) throws IOException, InterruptedException {
            if (keeps(point, range)) {
                written.merge(point.getMeasurement(), 1L, Long::sum);
                delegate.write(point, context);
            } else {
                dropped++;
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            delegate.flush(endOfInput);
        }

        @Override
        public void close() throws Exception {
            LOG.info("Reprocessing {}: sink subtask {} wrote {} (points and tombstones per measurement) and dropped {}"
                    + " outside the range or not replay-equal", range, subtask, written, dropped);
            delegate.close();
        }
    }
}
