package io.dealerpulse.agent.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dealerpulse.agent.SiteFixture;
import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.agent.config.AgentConfig.SyncMode;
import io.dealerpulse.agent.decode.DecoderRegistry;
import io.dealerpulse.agent.decode.DeviceMessage;
import io.dealerpulse.agent.outbox.SqliteOutbox;
import io.dealerpulse.agent.outbox.StoredEntry;
import io.dealerpulse.agent.privacy.Pseudonyms;
import io.dealerpulse.agent.quarantine.Quarantine;
import io.dealerpulse.agent.status.AgentMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitterTest {
    @TempDir
    Path dir;

    static ReceivedMessage interval(int mqttId, int minute) {
        Instant start = Instant.now().minus(Duration.ofMinutes(60 - minute)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        String json = "{\"device_id\":\"door-2\",\"line_id\":\"main\",\"interval_start\":\"" + start + "\",\"in\":1,\"out\":0}";
        return new ReceivedMessage(new DeviceMessage("dealerpulse/counter/door-2", json.getBytes(StandardCharsets.UTF_8),
                Instant.now()), "generic-counter", mqttId, 1, 0);
    }

    @Test
    void stoppingWhileTheOutboxIsFullAcknowledgesNothingOfTheWaitingBatch() throws Exception {
        AgentConfig config = SiteFixture.config("tcp://h:1883", "k:9092", dir);
        List<Integer> acked = new CopyOnWriteArrayList<>();
        AgentMetrics metrics = new AgentMetrics();
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), SyncMode.NORMAL, 1, 1 << 20)) {
            MessageProcessor processor = new MessageProcessor(config, DecoderRegistry.load(), outbox,
                    new Quarantine(dir.resolve("q"), 10, 1 << 20),
                    Pseudonyms.of("site-secret-for-tests", "network-secret-for-tests"), Clock.systemUTC());
            LinkedBlockingQueue<ReceivedMessage> queue = new LinkedBlockingQueue<>();
            GroupCommitter committer = new GroupCommitter(queue, processor, outbox, m -> acked.add(m.mqttId()),
                    metrics, () -> { }, Clock.systemUTC(), 500, Duration.ofMillis(50));
            Thread thread = new Thread(committer);
            thread.start();
            queue.add(interval(1, 1));
            queue.add(interval(2, 2));
            await().atMost(Duration.ofSeconds(10)).until(() -> metrics.outboxFullSinceMillis.get() > 0);
            committer.stop();
            thread.join(5_000);

            assertThat(thread.isAlive()).isFalse();
            assertThat(acked).isEmpty();
            assertThat(outbox.depth()).isZero();
        }
    }

    @Test
    void aFullOutboxHoldsTheAcksUntilThereIsRoomThenAcksInArrivalOrder() throws Exception {
        AgentConfig config = SiteFixture.config("tcp://h:1883", "k:9092", dir);
        List<Integer> acked = new CopyOnWriteArrayList<>();
        AgentMetrics metrics = new AgentMetrics();
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), SyncMode.NORMAL, 2, 1 << 20)) {
            MessageProcessor processor = new MessageProcessor(config, DecoderRegistry.load(), outbox,
                    new Quarantine(dir.resolve("q"), 10, 1 << 20),
                    Pseudonyms.of("site-secret-for-tests", "network-secret-for-tests"), Clock.systemUTC());
            LinkedBlockingQueue<ReceivedMessage> queue = new LinkedBlockingQueue<>();
            GroupCommitter committer = new GroupCommitter(queue, processor, outbox, m -> acked.add(m.mqttId()),
                    metrics, () -> { }, Clock.systemUTC(), 500, Duration.ofMillis(50));
            Thread thread = new Thread(committer);
            thread.start();
            try {
                queue.add(interval(7, 1));
                queue.add(interval(8, 2));
                await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == 2);
                queue.add(interval(9, 3));
                queue.add(interval(10, 4));
                await().atMost(Duration.ofSeconds(10)).until(() -> metrics.outboxFullSinceMillis.get() > 0);
                Thread.sleep(1500);
                assertThat(acked).as("nothing acknowledged while the outbox is full").containsExactly(7, 8);

                outbox.remove(outbox.oldest(2).stream().map(StoredEntry::sequence).toList());
                await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == 4);
                assertThat(acked).containsExactly(7, 8, 9, 10);
                assertThat(outbox.depth()).isEqualTo(2);
                assertThat(metrics.outboxFullSinceMillis.get()).isZero();
            } finally {
                committer.stop();
                thread.join();
            }
        }
    }
}
