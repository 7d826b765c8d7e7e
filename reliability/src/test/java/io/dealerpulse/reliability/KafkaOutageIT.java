package io.dealerpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dealerpulse.reliability.harness.AgentChild;
import io.dealerpulse.reliability.harness.Figures;
import io.dealerpulse.reliability.harness.KafkaLedger;
import io.dealerpulse.reliability.harness.Knobs;
import io.dealerpulse.reliability.harness.ReliabilitySite;
import io.dealerpulse.reliability.harness.SiteDevices;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 2: Kafka down for {@link Knobs#outage()} - longer than the agent's producer delivery timeout -
 * while the site publishes at {@link Knobs#ratePerSecond()} messages a second, 20 times a busy
 * dealership's peak of about 5 a second (4 door counters and 2 kiosks). The agent stays healthy (it is
 * not Kafka's health it reports), the backlog grows in the outbox, and after Kafka returns the backlog
 * drains while devices keep publishing: every id arrives, and the drain time is reported.
 */
@ExtendWith(KafkaExtension.class)
class KafkaOutageIT {
    static final String SITE = "REL-KAFKA-OUTAGE";

    @TempDir
    Path dir;

    @Test
    void anOutageLongerThanTheDeliveryTimeoutAtTwentyTimesPeakRateLosesNothing(KafkaEndpoint kafka)
            throws Exception {
        Duration outage = Knobs.outage();
        int rate = Knobs.ratePerSecond();
        try (ReliabilitySite site = new ReliabilitySite(SITE, kafka, dir, true)
                        .deliveryTimeout(Knobs.outageDeliveryTimeout());
                KafkaLedger ledger = new KafkaLedger(kafka, SITE);
                AgentChild agent = site.startAgent("kafka-outage")) {
            agent.awaitHealthy(Duration.ofSeconds(60));
            site.devices.startPacing(rate);
            Thread.sleep(3_000);

            long peakDepth = 0;
            boolean healthyThroughout = true;
            long stopped = System.nanoTime();
            kafka.stop();
            int publishedBefore;
            long restarted;
            try {
                long end = stopped + outage.toNanos();
                while (System.nanoTime() < end) {
                    Thread.sleep(1_000);
                    peakDepth = Math.max(peakDepth, agent.metric("dealerpulse_agent_outbox_depth").orElse(0L));
                    healthyThroughout &= agent.health().map(r -> r.statusCode() == 200).orElse(false);
                }
                assertThat(agent.metric("dealerpulse_agent_delivery_failures_total").orElse(0L))
                        .as("the outage outlasted the producer's delivery timeout: deliveries failed").isPositive();
            } finally {
                publishedBefore = site.devices.published().size();
                kafka.start();
                restarted = System.nanoTime();
            }
            List<SiteDevices.Published> backlog = site.devices.published().subList(0, publishedBefore);
            Set<String> backlogIds = new HashSet<>();
            backlog.forEach(p -> backlogIds.add(p.eventId()));
            long forwardedAtRestart = agent.metric("dealerpulse_agent_events_forwarded_total").orElse(0L);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() ->
                    agent.metric("dealerpulse_agent_events_forwarded_total").orElse(0L) > forwardedAtRestart);
            long firstDelivery = System.nanoTime();
            ledger.awaitIds(backlogIds, Duration.ofSeconds(180), Duration.ZERO);
            long backlogInKafka = System.nanoTime();

            Thread.sleep(2_000);   // live traffic after the drain
            site.devices.stopPacing();
            List<SiteDevices.Published> published = site.devices.published();
            Set<String> expected = new HashSet<>();
            published.forEach(p -> expected.add(p.eventId()));
            ledger.awaitIds(expected, Duration.ofSeconds(120), Duration.ofSeconds(3));
            Set<String> lost = new HashSet<>(expected);
            lost.removeAll(ledger.ids());

            long drainMs = (backlogInKafka - restarted) / 1_000_000;
            new Figures("Kafka outage")
                    .put("outage s", outage.toSeconds())
                    .put("delivery timeout", Knobs.outageDeliveryTimeout())
                    .put("rate msg/s", rate)
                    .put("published before Kafka returned", publishedBefore)
                    .put("peak outbox depth", peakDepth)
                    .put("first delivery after restart ms", (firstDelivery - restarted) / 1_000_000)
                    .put("backlog in Kafka after restart ms", drainMs)
                    .put("drain after first delivery ms", (backlogInKafka - firstDelivery) / 1_000_000)
                    .put("entries/s since restart", drainMs == 0 ? "n/a" : Math.round(peakDepth * 1000.0 / drainMs))
                    .put("published events", published.size())
                    .put("distinct ids", ledger.ids().size())
                    .put("lost", lost.size())
                    .put("duplicates in Kafka", ledger.duplicates())
                    .put("healthy throughout", healthyThroughout)
                    .report();

            assertThat(peakDepth).as("the backlog grew in the outbox during the outage")
                    .isGreaterThan((long) rate * outage.toSeconds() / 2);
            assertThat(healthyThroughout).as("/health stays 200 during a Kafka outage (MQTT and outbox are fine)")
                    .isTrue();
            assertThat(ledger.deadLetters()).isEmpty();
            assertThat(lost).as("published event ids missing from Kafka").isEmpty();
            assertThat(ledger.ids()).hasSize(published.size());
            assertThat(ledger.inconsistentIds()).isEmpty();
            assertThat(ledger.crossingsCounted()).isEqualTo(site.devices.crossings());
        }
    }
}
