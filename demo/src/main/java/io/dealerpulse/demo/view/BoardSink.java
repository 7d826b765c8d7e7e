package io.dealerpulse.demo.view;

import io.dealerpulse.jobs.sink.InfluxDbSink;
import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The demo's sink for the jobs' points: every point goes to the {@link LiveBoard} (so the terminal
 * view works without InfluxDB) and, when InfluxDB is available, through the jobs' own
 * {@link InfluxDbSink} writer - batching, retries and all.
 */
public final class BoardSink implements Sink<InfluxPoint> {
    private static final long serialVersionUID = 1L;
    private final InfluxDbSinkOptions influx;

    /** @param influx null when no InfluxDB is available */
    public BoardSink(InfluxDbSinkOptions influx) {
        this.influx = influx;
    }

    @Override
    public SinkWriter<InfluxPoint> createWriter(WriterInitContext context) throws IOException {
        SinkWriter<InfluxPoint> delegate = influx == null ? null : new InfluxDbSink(influx).createWriter(context);
        return new SinkWriter<>() {
            @Override
            public void write(InfluxPoint point, Context ctx) throws IOException, InterruptedException {
                LiveBoard.INSTANCE.accept(point);
                if (delegate != null) {
                    delegate.write(point, ctx);
                }
            }

            @Override
            public void flush(boolean endOfInput) throws IOException, InterruptedException {
                if (delegate != null) {
                    delegate.flush(endOfInput);
                }
            }

            @Override
            public void close() throws Exception {
                if (delegate != null) {
                    delegate.close();
                }
            }
        };
    }
}
