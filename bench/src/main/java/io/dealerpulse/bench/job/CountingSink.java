package io.dealerpulse.bench.job;

import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Discards its input but counts it, in a JVM-wide counter: the benchmark runs Flink's local
 * mini-cluster in its own JVM, so the harness reads the count after the job to check the job did
 * the work it was timed for.
 */
public final class CountingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    public static final LongAdder COUNT = new LongAdder();

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                COUNT.increment();
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
