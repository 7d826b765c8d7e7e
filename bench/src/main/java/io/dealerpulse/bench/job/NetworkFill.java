package io.dealerpulse.bench.job;

import io.dealerpulse.bench.harness.KafkaProgress;
import io.dealerpulse.importer.publish.KafkaPublisher;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.simulator.publish.BusinessImports;
import io.dealerpulse.simulator.publish.HistoryBackfill;
import io.dealerpulse.simulator.publish.SimulatedNetwork;
import io.dealerpulse.simulator.scenario.NetworkScenario;
import io.dealerpulse.testkit.KafkaEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fills the input topics with the simulator's back-fill of a seeded network, exactly as the demo
 * loads history: {@code days} whole days of traffic before {@link #NOW} plus that day up to it,
 * registry, appointments booked ahead, surveys.
 */
final class NetworkFill {
    static final Instant NOW = Instant.parse("2026-03-04T15:00:00Z");

    /** What was written: the simulator's summary and the records now in the input topics. */
    record Filled(int sites, HistoryBackfill.Summary summary, long records, double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d sites, %s; %d input records in Kafka after %.1f s", sites, summary,
                    records, seconds);
        }
    }

    private NetworkFill() {}

    static Filled fill(KafkaEndpoint kafka, int sites, int days, List<Topic> inputs) throws Exception {
        long start = System.nanoTime();
        SimulatedNetwork network = new SimulatedNetwork(NetworkScenario.of(sites, 42L), NOW, days);
        HistoryBackfill.Summary summary;
        try (KafkaPublisher publisher = KafkaPublisher.connect(kafka.bootstrapServers(), Map.of(),
                List.of(Topic.values()), true, Duration.ofSeconds(30))) {
            summary = new HistoryBackfill(network, days, days)
                    .run(new BusinessImports(publisher, network.networkKey()), publisher, (d, t, p) -> {});
        }
        long records = 0;
        try (KafkaProgress progress = new KafkaProgress(kafka.consumerProperties("bench-count"))) {
            for (Topic topic : inputs) {
                records += progress.records(topic.topicName());
            }
        }
        return new Filled(sites, summary, records, (System.nanoTime() - start) / 1e9);
    }
}
