package io.dealerpulse.demo.oracle;

import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.jobs.oracle.InputStream;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.serde.UndecodableRecordException;
import io.dealerpulse.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every record of the six input topics, read back from the demo's Kafka: exactly what the job
 * consumed once the feed has stopped, as the oracles' arrivals.
 *
 * <p>Order: the oracles replay arrivals per site in order. Each (topic, partition) keeps its order
 * (a site's records of one stream are in one partition); partitions are merged by the record's
 * CreateTime (when the importer or the agent produced it; LogAppendTime on the agent-status topic),
 * the registry first. That is the order the records entered Kafka, not necessarily the order the
 * job's six sources interleaved them; DemoIT therefore compares only outputs that do not depend on
 * the interleaving (see there).
 */
public record ConsumedInputs(List<Arrival> arrivals, Map<String, Long> recordsPerStream) {
    private static final Map<Topic, InputStream> STREAMS = Map.of(
            Topic.SITE_REGISTRY, InputStream.REGISTRY,
            Topic.FOOTFALL, InputStream.FOOTFALL,
            Topic.KIOSK, InputStream.KIOSK,
            Topic.APPOINTMENTS, InputStream.APPOINTMENT,
            Topic.SURVEYS, InputStream.SURVEY,
            Topic.AGENT_STATUS, InputStream.AGENT_STATUS);

    private record Consumed(InputStream stream, long timestamp, Arrival arrival) {}

    public static ConsumedInputs readAll(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<TopicPartition, Deque<Consumed>> byPartition = new HashMap<>();
        AvroCodec avro = AvroCodec.released(); // as the job decodes
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : STREAMS.keySet()) {
                consumer.partitionsFor(topic.topicName()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the input topics to their end offsets " + end
                            + " within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    InputStream stream = STREAMS.entrySet().stream().filter(e -> e.getKey().topicName().equals(record.topic()))
                            .findFirst().orElseThrow().getValue();
                    Arrival arrival;
                    try {
                        arrival = Arrival.of(avro.decode(record.value()));
                    } catch (UndecodableRecordException e) {
                        arrival = Arrival.undecodable(stream);
                    }
                    byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new ArrayDeque<>())
                            .add(new Consumed(stream, record.timestamp(), arrival));
                }
            }
        }
        return merge(byPartition);
    }

    /** Registry first, then the partitions merged by record timestamp, each partition in its own order. */
    private static ConsumedInputs merge(Map<TopicPartition, Deque<Consumed>> byPartition) {
        List<Arrival> arrivals = new ArrayList<>();
        Map<String, Long> counts = new TreeMap<>();
        byPartition.forEach((p, records) -> records.forEach(r -> counts.merge(r.stream().tag(), 1L, Long::sum)));
        byPartition.forEach((p, records) -> {
            if (p.topic().equals(Topic.SITE_REGISTRY.topicName())) {
                records.forEach(r -> arrivals.add(r.arrival()));
                records.clear();
            }
        });
        while (true) {
            Deque<Consumed> next = null;
            for (Deque<Consumed> queue : byPartition.values()) {
                if (!queue.isEmpty() && (next == null || queue.peek().timestamp() < next.peek().timestamp())) {
                    next = queue;
                }
            }
            if (next == null) {
                return new ConsumedInputs(arrivals, counts);
            }
            arrivals.add(next.poll().arrival());
        }
    }
}
