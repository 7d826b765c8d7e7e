package io.dealerpulse.bench.agent;

import io.dealerpulse.bench.harness.ChildJvm;
import io.dealerpulse.bench.harness.Machine;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.MosquittoEndpoint;
import io.dealerpulse.testkit.MosquittoOptions;
import io.dealerpulse.testkit.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Backlog drain: with Kafka down, {@code --events} device messages are spooled in the agent's outbox
 * (published in chunks, never more than {@link #MAX_LAG} ahead of the outbox, so the broker's
 * per-client queue never drops any); Kafka comes back; the harness times the drain (Kafka back → last
 * backlog record in Kafka) while a live device publishes one report per second on another line, and
 * reports the live reports' latency (publish → seen by a consumer of the topic) during the drain.
 *
 * <p>The spool phase gives a second figure for free: the agent's durable ingest rate with Kafka away
 * (MQTT → decode → outbox commit with fsync, nothing leaving).
 *
 * <p>Options: {@code --events 1000000} plus the agent settings of {@link AgentThroughputBenchmark}
 * ({@code --send-batch}, {@code --kafka-linger}).
 */
public final class DrainBenchmark {
    private static final String SITE = "BENCH-SITE-01";
    private static final String TOPIC = "bench.drain.footfall";
    private static final String FILTER = "bench/drain/+";
    private static final int CHUNK = 20_000;
    private static final int MAX_LAG = 50_000;

    public static void main(String[] args) throws Exception {
        int events = 1_000_000;
        int sendBatch = 500;
        String kafkaLinger = "20ms";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--send-batch" -> sendBatch = Integer.parseInt(args[i + 1]);
                case "--kafka-linger" -> kafkaLinger = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; known: --events --send-batch --kafka-linger");
            }
        }
        System.out.println(Machine.describe());
        Path work = Files.createTempDirectory("dealerpulse-bench-drain");
        String device = "device";
        String devicePassword = "device-password";
        try (KafkaEndpoint kafka = TestServers.current().startKafka();
                MosquittoEndpoint broker = MosquittoOptions.builder()
                        .baseConfig(Path.of("edge-agent/config/mosquitto.conf"))
                        .user(AgentProcess.USER, AgentProcess.PASSWORD).user(device, devicePassword).start()) {
            kafka.createTopic(TOPIC, 12);
            AgentProcess.Settings settings = new AgentProcess.Settings(1000, 500, "20ms", "full", sendBatch,
                    kafkaLinger);
            try (AgentProcess agent = AgentProcess.start(work.resolve("agent"), SITE, broker.uri(), FILTER,
                    kafka.bootstrapServers(), TOPIC, settings, List.of())) {
                kafka.stop();
                String topic = FILTER.replace("+", LoadPublisher.DEVICE);
                long spoolStart = System.nanoTime();
                for (int first = 0; first < events; first += CHUNK) {
                    int count = Math.min(CHUNK, events - first);
                    LoadPublisher.publish(broker.uri(), device, devicePassword, topic, SITE, first, count);
                    while (agent.outboxDepth() < first + count - MAX_LAG) {
                        Thread.sleep(100);
                    }
                }
                while (agent.outboxDepth() < events) {
                    Thread.sleep(100);
                }
                double spoolSeconds = (System.nanoTime() - spoolStart) / 1e9;
                System.out.printf(Locale.ROOT, "spooled %d events in the outbox with Kafka down in %.1f s = %.0f"
                        + " msg/s durable ingest; outbox_depth %d%n", events, spoolSeconds, events / spoolSeconds,
                        agent.outboxDepth());

                Map<String, Long> publishedAt = new ConcurrentHashMap<>();
                Map<String, Long> seenAt = new ConcurrentHashMap<>();
                AtomicLong backlogSeen = new AtomicLong();
                AtomicLong drainedAt = new AtomicLong();
                AtomicBoolean stop = new AtomicBoolean();
                long back = System.nanoTime();
                kafka.start();
                int total = events;
                Thread consumer = new Thread(() -> consume(kafka, total, backlogSeen, drainedAt, seenAt, stop),
                        "drain-consumer");
                consumer.start();
                int live = 0;
                while (drainedAt.get() == 0) {
                    String line = "live-" + live++;
                    publishedAt.put(line, System.nanoTime());
                    LoadPublisher.publishLine(broker.uri(), device, devicePassword, topic, SITE, line);
                    Thread.sleep(1_000);
                    if (System.nanoTime() - back > Duration.ofMinutes(20).toNanos()) {
                        throw new IllegalStateException("the backlog did not drain within 20 min: "
                                + backlogSeen.get() + " of " + events);
                    }
                }
                long waitLive = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (seenAt.size() < publishedAt.size() && System.nanoTime() < waitLive) {
                    Thread.sleep(50);
                }
                stop.set(true);
                consumer.join();
                double drainSeconds = (drainedAt.get() - back) / 1e9;
                List<Double> latencies = new ArrayList<>();
                publishedAt.forEach((line, at) -> {
                    Long seen = seenAt.get(line);
                    if (seen != null) {
                        latencies.add((seen - at) / 1e6);
                    }
                });
                latencies.sort(Double::compare);
                double[] heap = ChildJvm.heapUsedAndTotalMiB(agent.pid());
                System.out.println("=== results ===");
                System.out.printf(Locale.ROOT, "drain: %d events from Kafka back to the last backlog record in %.1f s"
                        + " = %.0f events/s (send-batch %d, linger %s)%n", events, drainSeconds, events / drainSeconds,
                        sendBatch, kafkaLinger);
                System.out.printf(Locale.ROOT, "live reports during the drain: %d published, %d seen; latency ms"
                        + " p50 %.0f, p99 %.0f, max %.0f%n", publishedAt.size(), latencies.size(),
                        percentile(latencies, 0.50), percentile(latencies, 0.99),
                        latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1));
                System.out.printf(Locale.ROOT, "agent after the drain: heap used %.1f of %.1f MiB, RSS %.1f MiB, peak"
                        + " RSS %.1f MiB%n", heap[0], heap[1], ChildJvm.statusMiB(agent.pid(), "VmRSS"),
                        ChildJvm.statusMiB(agent.pid(), "VmHWM"));
            }
        }
    }

    private static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    /** Reads the topic from the start; counts backlog records and stamps each live report's arrival. */
    private static void consume(KafkaEndpoint kafka, long backlog, AtomicLong backlogSeen, AtomicLong drainedAt,
            Map<String, Long> seenAt, AtomicBoolean stop) {
        AvroCodec codec = AvroCodec.released();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("bench-drain"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < 12; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    FootfallEvent event = codec.decode(record.value(), FootfallEvent.class);
                    if (event.getLineId().startsWith("live-")) {
                        seenAt.putIfAbsent(event.getLineId(), now);
                    } else if (backlogSeen.incrementAndGet() == backlog) {
                        drainedAt.set(now);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("the drain consumer failed: " + e, e);
        }
    }
}
