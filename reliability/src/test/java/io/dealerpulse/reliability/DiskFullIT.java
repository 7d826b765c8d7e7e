package io.dealerpulse.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dealerpulse.reliability.harness.AgentChild;
import io.dealerpulse.reliability.harness.Figures;
import io.dealerpulse.reliability.harness.KafkaLedger;
import io.dealerpulse.reliability.harness.OutboxIntegrity;
import io.dealerpulse.reliability.harness.ReliabilitySite;
import io.dealerpulse.reliability.harness.SiteDevices;
import io.dealerpulse.reliability.harness.SmallDisk;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 3: the outbox on a real 16 MB filesystem (tmpfs) that runs full. The documented policy
 * (docs/edge-agent.md, "Full policy", and {@code GroupCommitter}): a batch that cannot be written is
 * not acknowledged, so the site broker keeps the messages; the agent reports it ({@code /health} 503,
 * {@code outbox_writable 0}) and retries every second. Two rounds:
 * <ol>
 *   <li>the disk fills under a running agent, then space returns: the agent recovers by itself;
 *   <li>the disk fills again and the agent is killed with SIGKILL while it cannot write: the messages it
 *       held in memory were never acknowledged, so the broker redelivers them to the next agent.
 * </ol>
 * SQLite's integrity check passes after each round, and every published id is in Kafka.
 */
@ExtendWith(KafkaExtension.class)
class DiskFullIT {
    static final String SITE = "REL-DISK-FULL";
    static final int DISK_MB = 16;
    /** More than the agent's receive maximum (1000): the broker must queue some in the agent's session. */
    static final int MESSAGES_WHILE_FULL = 1_500;
    static final Duration REPORTED_WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aFullDiskStopsAcknowledgementsIsReportedKeepsTheStoreSoundAndLosesNothing(KafkaEndpoint kafka)
            throws Exception {
        Path mountPoint = Path.of(System.getProperty("java.io.tmpdir"),
                "dealerpulse-reliability-disk-" + ProcessHandle.current().pid());
        try (SmallDisk disk = SmallDisk.mount(mountPoint, DISK_MB);
                ReliabilitySite site = new ReliabilitySite(SITE, kafka, dir, true)
                        .outboxAt(mountPoint.resolve("outbox.db"));
                KafkaLedger ledger = new KafkaLedger(kafka, SITE)) {
            Figures figures = new Figures("disk full").put("filesystem", DISK_MB + " MB tmpfs");
            AgentChild first = site.startAgent("disk-full");
            try {
                first.awaitHealthy(Duration.ofSeconds(60));
                site.devices.publish(100);
                ledger.awaitIds(ids(site.devices.published()), Duration.ofSeconds(60), Duration.ZERO);

                // Round 1: full under a running agent, then space returns.
                figures.put("free bytes after filling", disk.fill());
                long reportedMs = fullAndReported(site, first);
                long committedWhileFull = first.metric("dealerpulse_agent_messages_committed_total").orElseThrow();
                Thread.sleep(2_000);
                assertThat(first.metric("dealerpulse_agent_messages_committed_total").orElseThrow())
                        .as("nothing is committed, hence nothing acknowledged, while the disk is full")
                        .isEqualTo(committedWhileFull);
                assertThat(committedWhileFull).as("committed messages < published (2 baselines + messages)")
                        .isLessThan(site.devices.published().size() + 2L);
                disk.free();
                long recoveredMs = first.awaitHealthy(Duration.ofSeconds(60)).toMillis();
                ledger.awaitIds(ids(site.devices.published()), Duration.ofSeconds(90), Duration.ZERO);
                figures.put("round 1: unhealthy reported after ms", reportedMs)
                        .put("round 1: healthy again after space returned ms", recoveredMs);

                // Round 2: full again, and the agent dies while it cannot write.
                disk.fill();
                figures.put("round 2: unhealthy reported after ms", fullAndReported(site, first));
            } finally {
                first.kill9();
            }
            List<String> integrityWhileFull = OutboxIntegrity.check(site.outbox());
            disk.free();
            try (AgentChild second = site.startAgent("disk-full")) {
                second.awaitHealthy(Duration.ofSeconds(60));
                site.devices.publish(100);
                List<SiteDevices.Published> published = site.devices.published();
                Set<String> expected = ids(published);
                ledger.awaitIds(expected, Duration.ofSeconds(120), Duration.ofSeconds(3));
                Set<String> lost = new HashSet<>(expected);
                lost.removeAll(ledger.ids());
                figures.put("published events", published.size())
                        .put("distinct ids", ledger.ids().size())
                        .put("lost", lost.size())
                        .put("duplicates in Kafka", ledger.duplicates())
                        .put("integrity after kill on the full disk", integrityWhileFull)
                        .report();

                assertThat(integrityWhileFull).as("outbox integrity after SIGKILL on the full disk").containsExactly("ok");
                assertThat(lost).as("published event ids missing from Kafka").isEmpty();
                assertThat(ledger.ids()).hasSize(published.size());
                assertThat(ledger.inconsistentIds()).isEmpty();
                assertThat(ledger.deadLetters()).isEmpty();
                assertThat(ledger.crossingsCounted()).isEqualTo(site.devices.crossings());
            }
            assertThat(OutboxIntegrity.check(site.outbox())).as("outbox integrity at the end").containsExactly("ok");
        }
    }

    /**
     * Publishes while the disk is full and waits until the agent reports it: {@code /health} 503 with
     * {@code "outbox_writable":false} and the metric at 0. Returns how long the report took.
     */
    private static long fullAndReported(ReliabilitySite site, AgentChild agent) throws Exception {
        long start = System.nanoTime();
        site.devices.publish(MESSAGES_WHILE_FULL);
        await().atMost(REPORTED_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> {
            Optional<HttpResponse<String>> health = agent.health();
            return health.isPresent() && health.get().statusCode() == 503
                    && health.get().body().contains("\"outbox_writable\":false");
        });
        long reported = (System.nanoTime() - start) / 1_000_000;
        assertThat(agent.metric("dealerpulse_agent_outbox_writable")).contains(0L);
        assertThat(agent.isAlive()).as("a full disk is not fatal").isTrue();
        return reported;
    }

    private static Set<String> ids(List<SiteDevices.Published> published) {
        Set<String> ids = new HashSet<>();
        published.forEach(p -> ids.add(p.eventId()));
        return ids;
    }
}
