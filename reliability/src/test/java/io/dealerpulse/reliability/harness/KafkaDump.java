package io.dealerpulse.reliability.harness;

import io.dealerpulse.testkit.KafkaEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Every record of every topic of a broker, internal topics included, as raw bytes. */
public final class KafkaDump {
    private KafkaDump() {}

    public static List<ConsumerRecord<byte[], byte[]>> all(KafkaEndpoint kafka, Duration timeout) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        var props = kafka.consumerProperties("kafka-dump-" + System.nanoTime());
        props.put("exclude.internal.topics", "false");
        try (Admin admin = Admin.create(kafka.adminProperties());
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read every record of " + kafka.bootstrapServers() + " in "
                            + timeout + "; positions behind the end: " + partitions.stream()
                            .filter(p -> consumer.position(p) < end.get(p)).toList());
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
