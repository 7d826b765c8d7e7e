package io.dealerpulse.bench.harness;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records a topic holds, read from its end offsets (no consumption, so counting costs the
 * measured system almost nothing). Polled every 20 ms: the resolution of every "all N arrived" time.
 */
public final class KafkaProgress implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;

    public KafkaProgress(Properties consumerProperties) {
        this.consumer = new KafkaConsumer<>(consumerProperties);
    }

    public long records(String topic) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (partitions == null || partitions.isEmpty()) {
            return 0;
        }
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(10));
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Blocks until {@code topic} holds {@code expected} records; returns the nanoTime it saw them. */
    public long awaitRecords(String topic, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = records(topic);
            long now = System.nanoTime();
            if (seen >= expected) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException("only " + seen + " of " + expected + " records reached " + topic
                        + " within " + timeout + ": the subject under test stalled (see its log)");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
