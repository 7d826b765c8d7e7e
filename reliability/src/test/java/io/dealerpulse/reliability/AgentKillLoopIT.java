package io.dealerpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dealerpulse.reliability.harness.AgentChild;
import io.dealerpulse.reliability.harness.Figures;
import io.dealerpulse.reliability.harness.KafkaLedger;
import io.dealerpulse.reliability.harness.Knobs;
import io.dealerpulse.reliability.harness.OutboxIntegrity;
import io.dealerpulse.reliability.harness.ReliabilitySite;
import io.dealerpulse.reliability.harness.SiteDevices;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 1 of the reliability suite: the agent (its own JVM, 64 MB heap) is killed with SIGKILL at
 * seeded random points, {@link Knobs#kills()} times, while the site's devices keep publishing at QoS 1
 * to a real mosquitto; after each kill the outbox file passes SQLite's integrity check and the next
 * agent opens it and reports healthy. At the end every published event id is in Kafka, nothing else
 * is, duplicates only repeat an id with the same counted content, and the distinct ids - what the jobs
 * count after de-duplicating on the event id - equal the published messages.
 */
@ExtendWith(KafkaExtension.class)
class AgentKillLoopIT {
    static final String SITE = "REL-KILL-LOOP";
    /** A kill lands 0..2 s after the agent reported healthy: during group commits and Kafka sends. */
    static final int MAX_UPTIME_MS = 2_000;
    /** The agent stays down 0..1 s; the broker queues for its persistent session meanwhile. */
    static final int MAX_DOWNTIME_MS = 1_000;
    static final Duration HEALTHY_WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void killMinus9AtRandomPointsLosesNothingAndKafkaOnlyRepeatsIds(KafkaEndpoint kafka) throws Exception {
        int kills = Knobs.kills();
        Random random = new Random(Knobs.seed());
        long loopDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30L * kills + 60);
        long slowestStartMs = 0;
        long totalStartMs = 0;
        try (ReliabilitySite site = new ReliabilitySite(SITE, kafka, dir, true);
                KafkaLedger ledger = new KafkaLedger(kafka, SITE)) {
            for (int kill = 1; kill <= kills; kill++) {
                assertThat(System.nanoTime()).as("the kill loop overran its time budget at kill " + kill)
                        .isLessThan(loopDeadline);
                AgentChild agent = site.startAgent("kill-loop");
                long startMs = agent.awaitHealthy(HEALTHY_WITHIN).toMillis();
                slowestStartMs = Math.max(slowestStartMs, startMs);
                totalStartMs += startMs;
                if (kill == 1) {
                    site.devices.startPacing(Knobs.ratePerSecond());   // the agent's session exists from now on
                }
                Thread.sleep(random.nextInt(MAX_UPTIME_MS));
                agent.kill9();
                assertThat(OutboxIntegrity.check(site.outbox())).as("outbox integrity after kill " + kill)
                        .containsExactly("ok");
                Thread.sleep(random.nextInt(MAX_DOWNTIME_MS));
            }

            try (AgentChild last = site.startAgent("kill-loop")) {
                last.awaitHealthy(HEALTHY_WITHIN);
                Thread.sleep(1_000);
                site.devices.stopPacing();
                List<SiteDevices.Published> published = site.devices.published();
                Set<String> expected = new HashSet<>();
                published.forEach(p -> expected.add(p.eventId()));
                Duration caughtUp = ledger.awaitIds(expected, Duration.ofSeconds(120), Duration.ofSeconds(3));
                await().atMost(Duration.ofSeconds(60)).until(
                        () -> last.metric("dealerpulse_agent_outbox_depth").orElse(-1L) == 0L);

                Set<String> lost = new HashSet<>(expected);
                lost.removeAll(ledger.ids());
                Set<String> unexpected = new HashSet<>(ledger.ids());
                unexpected.removeAll(expected);
                new Figures("agent kill loop")
                        .put("seed", Knobs.seed())
                        .put("kills", kills)
                        .put("rate msg/s", Knobs.ratePerSecond())
                        .put("published events", published.size())
                        .put("crossings", site.devices.crossings())
                        .put("publish retries", site.devices.retries())
                        .put("Kafka records", ledger.records())
                        .put("distinct ids", ledger.ids().size())
                        .put("lost", lost.size())
                        .put("duplicates in Kafka", ledger.duplicates())
                        .put("dead letters", ledger.deadLetters().size())
                        .put("mean start to healthy ms", totalStartMs / kills)
                        .put("slowest start to healthy ms", slowestStartMs)
                        .put("last ids in Kafka after ms", caughtUp.toMillis())
                        .report();

                assertThat(published).as("published ids are unique by construction").hasSameSizeAs(expected);
                assertThat(ledger.deadLetters()).as("dead letters (rejected device messages)").isEmpty();
                assertThat(lost).as("published event ids missing from Kafka").isEmpty();
                assertThat(unexpected).as("ids in Kafka that no device published").isEmpty();
                assertThat(ledger.inconsistentIds()).as("duplicates that differ from their first copy").isEmpty();
                assertThat(ledger.ids()).as("distinct ids (what the jobs count) = published messages")
                        .hasSize(published.size());
                assertThat(ledger.crossingsCounted()).as("visitors over distinct ids = crossings")
                        .isEqualTo(site.devices.crossings());
                assertThat(last.isAlive()).isTrue();
            }
            assertThat(OutboxIntegrity.check(site.outbox())).as("outbox integrity after the last, orderly stop")
                    .containsExactly("ok");
        }
    }
}
