package io.dealerpulse.jobs.reprocess;

import io.dealerpulse.jobs.sink.InfluxPoint;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes to the InfluxDB sink only what a reprocessing replaces: points (and tombstones) of the
 * {@link ReplayEqualMeasurements} stored in the range. The warm-up's and tail's points, live
 * comparisons and accounting are dropped, so the reprocessing writes exactly the set it deleted.
 * Each writer logs at close how many points it passed per measurement and how many it dropped.
 */
public final class RangeRestrictedSink implements Sink<InfluxPoint> {
    private static final long serialVersionUID = 1L;
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
