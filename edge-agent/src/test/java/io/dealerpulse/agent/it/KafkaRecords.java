package io.dealerpulse.agent.it;

import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.testkit.KafkaEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads what the agent of one site wrote to a topic (records keyed by that site id), decoded. */
final class KafkaRecords {
    private KafkaRecords() {}

    /** Raw records of the site on the topic, polled until {@code done} holds or the timeout passes. */
    static List<ConsumerRecord<byte[], byte[]>> raw(KafkaEndpoint kafka, String topic, String siteId,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(kafka.consumerProperties("it-" + UUID.randomUUID()))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                // The agent creates the topics when it starts; until then there is nothing to read.
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    sleep(200);
                }
            }
            if (partitions.isEmpty()) {
                throw new AssertionError("topic " + topic + " does not exist after " + timeout);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && new String(record.key(), StandardCharsets.UTF_8).equals(siteId)) {
                        records.add(record);
                    }
                }
                if (done.test(records)) {
                    break;
                }
            }
        }
        return records;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static <T extends SpecificRecord> List<T> decoded(KafkaEndpoint kafka, String topic, String siteId,
            Class<T> type, Predicate<List<T>> done, Duration timeout) {
        AvroCodec codec = AvroCodec.released();
        List<ConsumerRecord<byte[], byte[]>> raw = raw(kafka, topic, siteId,
                records -> done.test(decodeAll(codec, records, type)), timeout);
        return decodeAll(codec, raw, type);
    }

    private static <T extends SpecificRecord> List<T> decodeAll(AvroCodec codec,
            List<ConsumerRecord<byte[], byte[]>> records, Class<T> type) {
        List<T> decoded = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                decoded.add(codec.decode(record.value(), type));
            } catch (Exception e) {
                throw new AssertionError("undecodable record at offset " + record.offset() + " of " + record.topic(), e);
            }
        }
        return decoded;
    }
}
