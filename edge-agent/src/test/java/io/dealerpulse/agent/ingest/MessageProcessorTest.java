package io.dealerpulse.agent.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.agent.SiteFixture;
import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.agent.config.AgentConfig.SyncMode;
import io.dealerpulse.agent.decode.DecoderRegistry;
import io.dealerpulse.agent.decode.DeviceMessage;
import io.dealerpulse.agent.outbox.SqliteOutbox;
import io.dealerpulse.agent.privacy.Pseudonyms;
import io.dealerpulse.agent.quarantine.Quarantine;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.schemas.serde.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageProcessorTest {
    static final Instant NOW = Instant.parse("2025-11-24T08:00:00Z");
    @TempDir
    Path dir;

    static ReceivedMessage axis(long total, int second) {
        String json = "{\"timestamp\":" + NOW.plusSeconds(second).toEpochMilli() + ",\"message\":{\"data\":"
                + "{\"startTime\":\"2025-11-24T06:00:00Z\",\"totalHuman\":\"" + total + "\"}}}";
        return new ReceivedMessage(new DeviceMessage(SiteFixture.AXIS_PREFIX + "/event/X/" + SiteFixture.AXIS_IN,
                json.getBytes(StandardCharsets.UTF_8), NOW.plusSeconds(second)), "axis-object-analytics", 1, 1, 0);
    }

    static ReceivedMessage kiosk(String json) {
        return new ReceivedMessage(new DeviceMessage("dealerpulse/kiosk/kiosk-1", json.getBytes(StandardCharsets.UTF_8),
                NOW), "generic-kiosk", 2, 1, 0);
    }

    @Test
    void crossingsInOneBatchSeeEachOthersCounterStateAndKioskRejectsAreRedactedAndQuarantined() throws Exception {
        AgentConfig config = SiteFixture.config("tcp://h:1883", "k:9092", dir);
        try (SqliteOutbox outbox = SqliteOutbox.open(dir.resolve("o.db"), SyncMode.NORMAL, 1000, 1 << 20)) {
            Quarantine quarantine = new Quarantine(dir.resolve("q"), 10, 1 << 20);
            MessageProcessor processor = new MessageProcessor(config, DecoderRegistry.load(), outbox, quarantine,
                    Pseudonyms.of("site-secret-for-tests", "network-secret-for-tests"), Clock.fixed(NOW, ZoneOffset.UTC));

            BatchResult result = processor.process(List.of(axis(10, 0), axis(11, 1), axis(13, 2),
                    kiosk("{\"kiosk_id\":\"kiosk-1\",\"message_id\":\"1\",\"type\":\"SIGN_ON\",\"badge_id\":\"B-7781\"}")));

            AvroCodec codec = AvroCodec.released();
            List<FootfallEvent> footfall = result.entries.stream()
                    .filter(e -> e.topic().equals(config.kafka().topics().footfall()))
                    .map(e -> decode(codec, e.value(), FootfallEvent.class)).toList();
            assertThat(footfall).extracting(FootfallEvent::getCount).containsExactly(1, 2);
            assertThat(result.counters.get(SiteFixture.AXIS_PREFIX + "|" + SiteFixture.AXIS_IN).total()).isEqualTo(13);

            DeadLetter letter = result.entries.stream()
                    .filter(e -> e.topic().equals(config.kafka().topics().deadLetter()))
                    .map(e -> decode(codec, e.value(), DeadLetter.class)).findFirst().orElseThrow();
            assertThat(letter.getReason()).isEqualTo("MISSING_FIELD");
            assertThat(letter.getPayloadRedacted()).isTrue();
            assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString()).doesNotContain("B-7781");
            assertThat(result.rejectReasons).containsExactly("MISSING_FIELD");
            try (var files = Files.list(dir.resolve("q"))) {
                assertThat(files.toList()).singleElement()
                        .satisfies(f -> assertThat(Files.readString(f)).contains("B-7781"));
            }
        }
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> T decode(AvroCodec codec, byte[] bytes,
            Class<T> type) {
        try {
            return codec.decode(bytes, type);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
