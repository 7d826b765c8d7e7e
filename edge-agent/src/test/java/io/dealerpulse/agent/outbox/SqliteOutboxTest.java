package io.dealerpulse.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.agent.config.AgentConfig.SyncMode;
import io.dealerpulse.agent.decode.CounterState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteOutboxTest {
    static final Instant T0 = Instant.parse("2025-11-24T08:00:00Z");
    @TempDir
    Path dir;

    static OutboxEntry entry(String id, int second) {
        return new OutboxEntry("topic", "FR-PARIS-01", id, id.getBytes(StandardCharsets.UTF_8), T0.plusSeconds(second));
    }

    @Test
    void entriesComeOutOldestFirstAndLeaveOnlyWhenRemoved() throws Exception {
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), SyncMode.FULL, 100, 1 << 20)) {
            outbox.append(List.of(entry("a", 0), entry("b", 1)), List.of());
            outbox.append(List.of(entry("c", 2)), List.of());
            List<StoredEntry> two = outbox.oldest(2);

            assertThat(two).extracting(s -> s.entry().eventId()).containsExactly("a", "b");
            outbox.remove(List.of(two.get(0).sequence()));
            assertThat(outbox.oldest(10)).extracting(s -> s.entry().eventId()).containsExactly("b", "c");
            assertThat(outbox.depth()).isEqualTo(2);
            assertThat(outbox.oldestCreatedAt()).hasValue(T0.plusSeconds(1));
        }
    }

    @Test
    void entriesAndCounterStatesSurviveAReopen() throws Exception {
        Path file = dir.resolve("o.db");
        try (SqliteOutbox outbox = SqliteOutbox.open(file, SyncMode.FULL, 100, 1 << 20)) {
            outbox.append(List.of(entry("a", 0)), List.of(new CounterState("cam|S1", T0, 405)));
        }
        try (SqliteOutbox reopened = SqliteOutbox.open(file, SyncMode.FULL, 100, 1 << 20)) {
            assertThat(reopened.depth()).isEqualTo(1);
            assertThat(reopened.bytes()).isEqualTo(1);
            assertThat(reopened.counter("cam|S1")).hasValue(new CounterState("cam|S1", T0, 405));
        }
    }

    @Test
    void aBatchThatWouldExceedTheCapIsRefusedWhole() throws Exception {
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), SyncMode.NORMAL, 3, 1 << 20)) {
            outbox.append(List.of(entry("a", 0), entry("b", 1)), List.of());

            assertThatThrownBy(() -> outbox.append(List.of(entry("c", 2), entry("d", 3)),
                    List.of(new CounterState("k", T0, 1)))).isInstanceOf(OutboxFullException.class);
            assertThat(outbox.depth()).isEqualTo(2);
            assertThat(outbox.counter("k")).isEmpty();
        }
    }
}
