package io.dealerpulse.reliability.harness;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.KafkaEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What Kafka holds for one site on the footfall and kiosk topics: every record, decoded, grouped by
 * event id. Reads incrementally (one consumer, from the beginning, records keyed by the site id), so a
 * test can wait for tens of thousands of records without decoding them again on every poll (edge-agent's
 * test {@code KafkaRecords} does, which is fine for its hundreds).
 *
 * <p>Dead letters of the site are collected too: a reliability run must produce none.
 *
 * <p>For each record it keeps a fingerprint of what the jobs count: for a crossing the line, direction,
 * count and event time; for a kiosk message its type, visit and event time. A duplicate must repeat its
 * id's fingerprint exactly (a re-sent outbox entry, or an MQTT redelivery decoded again).
 */
public final class KafkaLedger implements AutoCloseable {
    private static final List<String> TOPICS = List.of(Topic.FOOTFALL.topicName(), Topic.KIOSK.topicName(),
            Topic.DEAD_LETTER.topicName());

    private final String siteId;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroCodec codec = AvroCodec.released();
    private final Map<String, List<String>> fingerprintsById = new HashMap<>();
    private final List<String> deadLetters = new ArrayList<>();
    private long records;
    private long counted;   // sum of the crossings' counts over distinct ids

    public KafkaLedger(KafkaEndpoint kafka, String siteId) {
        this.siteId = siteId;
        consumer = new KafkaConsumer<>(kafka.consumerProperties("reliability-" + UUID.randomUUID()));
    }

    /**
     * Reads until every id of {@code expected} is there or {@code timeout} passed, then for another
     * {@code settle} (so duplicates in flight are counted too). Returns how long the wait for the ids took.
     */
    public Duration awaitIds(Collection<String> expected, Duration timeout, Duration settle) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Set<String> wanted = new HashSet<>(expected);
        wanted.removeAll(fingerprintsById.keySet());
        while (!wanted.isEmpty() && System.nanoTime() < deadline) {
            for (String id : pollOnce()) {
                wanted.remove(id);
            }
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        long settleEnd = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < settleEnd) {
            pollOnce();
        }
        return waited;
    }

    public Set<String> ids() {
        return fingerprintsById.keySet();
    }

    public long records() {
        return records;
    }

    /** Records beyond the first of their id. */
    public long duplicates() {
        return records - fingerprintsById.size();
    }

    /** Ids whose copies differ in what the jobs count (must be none). */
    public List<String> inconsistentIds() {
        List<String> bad = new ArrayList<>();
        fingerprintsById.forEach((id, copies) -> {
            if (copies.stream().distinct().count() > 1) {
                bad.add(id + " " + copies);
            }
        });
        return bad;
    }

    /** Reason and detail of each dead letter of the site (a device message the agent rejected). */
    public List<String> deadLetters() {
        return deadLetters;
    }

    /** Visitors counted over distinct ids: what the jobs add up after de-duplicating on the event id. */
    public long crossingsCounted() {
        return counted;
    }

    private List<String> pollOnce() {
        if (consumer.assignment().isEmpty()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic, Duration.ofSeconds(5))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            if (partitions.stream().map(TopicPartition::topic).distinct().count() < TOPICS.size()) {
                sleep();   // the agent creates the topics when it starts; until then there is nothing to read
                return List.of();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        List<String> seen = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.key() == null || !new String(record.key(), StandardCharsets.UTF_8).equals(siteId)) {
                continue;
            }
            if (record.topic().equals(Topic.DEAD_LETTER.topicName())) {
                DeadLetter d = decode(record, DeadLetter.class);
                deadLetters.add(d.getReason() + ": " + d.getDetail());
                continue;
            }
            records++;
            String id;
            String fingerprint;
            if (record.topic().equals(Topic.FOOTFALL.topicName())) {
                FootfallEvent e = decode(record, FootfallEvent.class);
                id = e.getEventId();
                fingerprint = e.getLineId() + "|" + e.getDirection() + "|" + e.getCount() + "|" + e.getEventTime();
                if (!fingerprintsById.containsKey(id)) {
                    counted += e.getCount();
                }
            } else {
                KioskEvent e = decode(record, KioskEvent.class);
                id = e.getEventId();
                fingerprint = e.getType() + "|" + e.getVisitId() + "|" + e.getEventTime();
            }
            fingerprintsById.computeIfAbsent(id, k -> new ArrayList<>(1)).add(fingerprint);
            seen.add(id);
        }
        return seen;
    }

    private <T extends org.apache.avro.specific.SpecificRecord> T decode(ConsumerRecord<byte[], byte[]> record,
            Class<T> type) {
        try {
            return codec.decode(record.value(), type);
        } catch (Exception e) {
            throw new AssertionError("undecodable record at offset " + record.offset() + " of " + record.topic(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    }
}
