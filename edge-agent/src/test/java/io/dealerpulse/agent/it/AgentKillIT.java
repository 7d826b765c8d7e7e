package io.dealerpulse.agent.it;

import static io.dealerpulse.agent.SiteFixture.AXIS_IN;
import static io.dealerpulse.agent.SiteFixture.AXIS_OUT;
import static io.dealerpulse.agent.SiteFixture.AXIS_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.EventIds;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as its own process (64 MB heap) killed with SIGKILL in the middle of a burst of AXIS
 * crossings, then started again on the same outbox: every event id arrives, duplicates only repeat
 * an id with the same content, and the deltas summed per id equal the crossings.
 */
@ExtendWith(KafkaExtension.class)
class AgentKillIT {
    static final String SITE = "IT-KILL";
    static final String START = "2026-01-05T06:00:00Z";
    static final int CROSSINGS_PER_DOOR = 2000;
    static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void killMinus9DuringABurstLosesNothingAndOnlyRepeatsIds(KafkaEndpoint kafka) throws Exception {
        try (SiteUnderTest site = new SiteUnderTest(SITE, kafka, dir, "")) {
            Path config = site.configFile();
            AgentProcess first = AgentProcess.start(config, AgentProcess.logFile("kill-first"));
            KafkaRecords.decoded(kafka, Topic.AGENT_STATUS.topicName(), SITE, AgentStatus.class,
                    h -> h.stream().anyMatch(AgentStatus::getMqttConnected), WAIT);

            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            site.devices.publish(Payloads.axisTopic(AXIS_IN), Payloads.axis(t, START, 0));
            site.devices.publish(Payloads.axisTopic(AXIS_OUT), Payloads.axis(t, START, 0));
            AtomicInteger published = new AtomicInteger();
            CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
                try {
                    for (int total = 1; total <= CROSSINGS_PER_DOOR; total++) {
                        Instant at = t.plusMillis(total);
                        site.devices.publish(Payloads.axisTopic(AXIS_IN), Payloads.axis(at, START, total));
                        site.devices.publish(Payloads.axisTopic(AXIS_OUT), Payloads.axis(at, START, total));
                        published.addAndGet(2);
                        if (total % 10 == 0) {
                            Thread.sleep(20);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            KafkaRecords.raw(kafka, Topic.FOOTFALL.topicName(), SITE, r -> r.size() >= 200, WAIT);
            first.kill9();
            int publishedAtKill = published.get();
            assertThat(publishedAtKill).as("the kill must land during the burst").isLessThan(2 * CROSSINGS_PER_DOOR);

            try (AgentProcess second = AgentProcess.start(config, AgentProcess.logFile("kill-second"))) {
                burst.join();
                long restarted = System.nanoTime();
                List<FootfallEvent> events = KafkaRecords.decoded(kafka, Topic.FOOTFALL.topicName(), SITE,
                        FootfallEvent.class, e -> e.stream().map(FootfallEvent::getEventId).distinct().count()
                                >= 2L * CROSSINGS_PER_DOOR, WAIT);

                Set<String> expected = new HashSet<>();
                for (long total = 1; total <= CROSSINGS_PER_DOOR; total++) {
                    expected.add(EventIds.of(SITE, AXIS_PREFIX, AXIS_IN, START, total));
                    expected.add(EventIds.of(SITE, AXIS_PREFIX, AXIS_OUT, START, total));
                }
                Map<String, List<FootfallEvent>> byId = events.stream()
                        .collect(Collectors.groupingBy(FootfallEvent::getEventId));
                assertThat(byId.keySet()).isEqualTo(expected);
                byId.values().forEach(copies -> assertThat(copies).allSatisfy(copy -> {
                    assertThat(copy.getCount()).isEqualTo(copies.get(0).getCount());
                    assertThat(copy.getEventTime()).isEqualTo(copies.get(0).getEventTime());
                }));
                int crossings = byId.values().stream().mapToInt(copies -> copies.get(0).getCount()).sum();
                assertThat(crossings).isEqualTo(2 * CROSSINGS_PER_DOOR);
                System.out.printf("[kill -9] killed after %d of %d messages; Kafka holds %d records for %d ids"
                        + " (%d duplicates); all ids %d ms after the burst ended%n", publishedAtKill,
                        2 * CROSSINGS_PER_DOOR, events.size(), byId.size(), events.size() - byId.size(),
                        (System.nanoTime() - restarted) / 1_000_000);
                assertThat(second.isAlive()).isTrue();
            }
        }
    }
}
