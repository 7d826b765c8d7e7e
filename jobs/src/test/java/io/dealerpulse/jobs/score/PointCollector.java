package io.dealerpulse.jobs.score;

import io.dealerpulse.jobs.sink.InfluxPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** A Sink V2 collecting points in an in-JVM queue (MiniCluster tests: the writers run in the test's JVM). */
final class PointCollector implements Sink<InfluxPoint> {
    private static final Map<String, Queue<InfluxPoint>> QUEUES = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    PointCollector() {
        QUEUES.put(id, new ConcurrentLinkedQueue<>());
    }

    List<InfluxPoint> points() {
        return new ArrayList<>(QUEUES.get(id));
    }

    @Override
    public SinkWriter<InfluxPoint> createWriter(WriterInitContext context) {
        Queue<InfluxPoint> queue = QUEUES.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(InfluxPoint element, Context ctx) {
                queue.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
