package io.dealerpulse.jobs.pipeline;

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

/**
 * A Sink V2 that appends every record to an in-JVM queue (MiniCluster tests only: the writers run in
 * the test's JVM). Each instance has its own queue, so tests do not see each other's records.
 */
final class CollectingSink<T> implements Sink<T> {
    private static final Map<String, Queue<Object>> QUEUES = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    CollectingSink() {
        QUEUES.put(id, new ConcurrentLinkedQueue<>());
    }

    /** Records written so far; per sink subtask in arrival order. */
    @SuppressWarnings("unchecked")
    List<T> records() {
        return new ArrayList<>((Queue<T>) (Queue<?>) QUEUES.get(id));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<Object> queue = QUEUES.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                queue.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
