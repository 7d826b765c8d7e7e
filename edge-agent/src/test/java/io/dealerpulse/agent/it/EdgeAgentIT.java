package io.dealerpulse.agent.it;

import static io.dealerpulse.agent.SiteFixture.AXIS_IN;
import static io.dealerpulse.agent.SiteFixture.AXIS_OUT;
import static io.dealerpulse.agent.SiteFixture.AXIS_PREFIX;
import static io.dealerpulse.agent.SiteFixture.GENERIC_COUNTER;
import static io.dealerpulse.agent.SiteFixture.MILESIGHT_LINE;
import static io.dealerpulse.agent.SiteFixture.MILESIGHT_SN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dealerpulse.agent.Agent;
import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.KioskEventType;
import io.dealerpulse.schemas.EventIds;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in this JVM against real servers: a mosquitto per test from the shipped site config and
 * the shared in-JVM Kafka. Each test is one site (its own id) so tests never read each other's records.
 */
@ExtendWith(KafkaExtension.class)
class EdgeAgentIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String FOOTFALL = Topic.FOOTFALL.topicName();
    static final String KIOSK = Topic.KIOSK.topicName();
    static final String DEAD_LETTER = Topic.DEAD_LETTER.topicName();
    static final String STATUS = Topic.AGENT_STATUS.topicName();

    @TempDir
    Path dir;

    static List<FootfallEvent> footfall(KafkaEndpoint kafka, String site, int distinctIds) {
        return KafkaRecords.decoded(kafka, FOOTFALL, site, FootfallEvent.class,
                events -> distinctIds(events, FootfallEvent::getEventId) >= distinctIds, WAIT);
    }

    static <T> long distinctIds(List<T> events, Function<T, String> id) {
        return events.stream().map(id).distinct().count();
    }

    static Map<String, FootfallEvent> byId(List<FootfallEvent> events) {
        Map<String, FootfallEvent> map = new HashMap<>();
        events.forEach(e -> map.putIfAbsent(e.getEventId(), e));
        return map;
    }

    /** Publishes a baseline then {@code crossings} AXIS crossings on one scenario. */
    static void axisCrossings(DevicePublisher devices, String scenario, String startTime, long from, int crossings)
            throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < crossings; i++) {
            devices.publish(Payloads.axisTopic(scenario), Payloads.axis(t.plusMillis(i), startTime, from + i));
        }
    }

    @Test
    void normalFlowGivesOneDistinctIdPerCountedMessageDecodedAsSent(KafkaEndpoint kafka) throws Exception {
        String site = "IT-NORMAL";
        String start = "2026-01-05T06:00:00Z";
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        try (SiteUnderTest s = new SiteUnderTest(site, kafka, dir, ""); Agent agent = s.startAgent(Clock.systemUTC())) {
            axisCrossings(s.devices, AXIS_IN, start, 100, 21);   // baseline 100, then 20 crossings
            axisCrossings(s.devices, AXIS_OUT, start, 50, 11);   // baseline 50, then 10 crossings
            for (int i = 0; i < 5; i++) {
                Instant from = minute.plus(Duration.ofMinutes(i));
                s.devices.publish(Payloads.milesightTopic(MILESIGHT_SN), Payloads.milesight(MILESIGHT_SN,
                        from.atOffset(java.time.ZoneOffset.ofHours(1)).toString(),
                        from.plusSeconds(60).atOffset(java.time.ZoneOffset.ofHours(1)).toString(), 2, 1));
                s.devices.publish("dealerpulse/counter/" + GENERIC_COUNTER,
                        Payloads.counter(site, GENERIC_COUNTER, from.toString(), 3, 0));
            }
            Instant kioskTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (int i = 0; i < 10; i++) {
                s.devices.publish("dealerpulse/kiosk/kiosk-1", Payloads.kiosk(site, "m-" + i,
                        i % 2 == 0 ? "CHECK_IN" : "SERVED", kioskTime, ",\"visit_id\":\"V-" + (i / 2) + "\""));
            }

            List<FootfallEvent> events = footfall(kafka, site, 20 + 10 + 10 + 5);
            Map<String, FootfallEvent> ids = byId(events);
            assertThat(ids).hasSize(45);
            for (long total = 101; total <= 120; total++) {
                FootfallEvent e = ids.get(EventIds.of(site, AXIS_PREFIX, AXIS_IN, start, total));
                assertThat(e).as("AXIS IN total " + total).isNotNull();
                assertThat(e.getCount()).isEqualTo(1);
                assertThat(e.getDirection()).isEqualTo(Direction.IN);
                assertThat(e.getReceptionDoor()).isTrue();
            }
            assertThat(ids.values().stream().filter(e -> e.getLineId().equals(AXIS_OUT))
                    .mapToInt(FootfallEvent::getCount).sum()).isEqualTo(10);
            for (int i = 0; i < 5; i++) {
                Instant from = minute.plus(Duration.ofMinutes(i));
                FootfallEvent in = ids.get(EventIds.of(site, MILESIGHT_SN, MILESIGHT_LINE, from.toString(), "IN"));
                assertThat(in.getCount()).isEqualTo(2);
                assertThat(in.getEventTime()).isEqualTo(from);
                assertThat(ids.get(EventIds.of(site, MILESIGHT_SN, MILESIGHT_LINE, from.toString(), "OUT")).getCount())
                        .isEqualTo(1);
                assertThat(ids.get(EventIds.of(site, GENERIC_COUNTER, "main", from.toString(), "IN")).getCount())
                        .isEqualTo(3);
            }

            List<KioskEvent> kiosk = KafkaRecords.decoded(kafka, KIOSK, site, KioskEvent.class,
                    k -> distinctIds(k, KioskEvent::getEventId) >= 10, WAIT);
            assertThat(kiosk.stream().map(KioskEvent::getEventId).collect(Collectors.toSet()))
                    .isEqualTo(java.util.stream.IntStream.range(0, 10)
                            .mapToObj(i -> EventIds.of(site, "kiosk-1", "m-" + i)).collect(Collectors.toSet()));
            assertThat(kiosk).filteredOn(k -> k.getKioskMessageId().equals("m-1")).first()
                    .satisfies(k -> {
                        assertThat(k.getType()).isEqualTo(KioskEventType.SERVED);
                        assertThat(k.getVisitId()).isEqualTo("V-0");
                        assertThat(k.getEventTime()).isEqualTo(kioskTime);
                    });

            List<AgentStatus> heartbeats = KafkaRecords.decoded(kafka, STATUS, site, AgentStatus.class,
                    h -> !h.isEmpty(), WAIT);
            assertThat(heartbeats.get(0).getDeviceId()).isEqualTo("test-agent");
            assertThat(heartbeats.get(0).getMqttConnected()).isTrue();

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + agent.httpPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"mqtt_connected\":true");
            String metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + agent.httpPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("dealerpulse_agent_messages_received_total 52",
                    "# TYPE dealerpulse_agent_outbox_depth gauge");
        }
    }

    @Test
    void badPayloadsBecomeDeadLettersWithReasonsAndNoBadgeLeavesInClear(KafkaEndpoint kafka) throws Exception {
        String site = "IT-BAD";
        String start = "2026-01-05T06:00:00Z";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (SiteUnderTest s = new SiteUnderTest(site, kafka, dir, ""); Agent agent = s.startAgent(Clock.systemUTC())) {
            axisCrossings(s.devices, AXIS_IN, start, 0, 2);
            String kioskTopic = "dealerpulse/kiosk/kiosk-1";
            String counterTopic = "dealerpulse/counter/" + GENERIC_COUNTER;
            s.devices.publish(kioskTopic, "{\"kiosk_id\":\"kiosk-1\",\"badge_id\":\"B-SECRET-1\",");
            s.devices.publish(counterTopic, Payloads.counter(site, GENERIC_COUNTER, now.toString(), 1, 0)
                    .replace("\"in\":1", "\"in\":\"many\""));
            s.devices.publish(counterTopic, Payloads.counter(site, GENERIC_COUNTER, now.toString(), -3, 0));
            s.devices.publish(counterTopic, Payloads.counter(site, GENERIC_COUNTER, now.toString(), 999_999, 0));
            s.devices.publish(kioskTopic, Payloads.kiosk(site, "old", "SIGN_ON", now.minus(Duration.ofDays(30)),
                    ",\"badge_id\":\"B-SECRET-2\""));
            s.devices.publish(Payloads.milesightTopic("6600FFFFFFFF0000"), Payloads.milesight("6600FFFFFFFF0000",
                    now.toString(), now.plusSeconds(60).toString(), 1, 0));
            s.devices.publish(kioskTopic, Payloads.kiosk("DE-BERLIN-02", "foreign", "SIGN_ON", now,
                    ",\"badge_id\":\"B-SECRET-3\""));
            s.devices.publish(kioskTopic, Payloads.kiosk(site, "novisit", "CHECK_IN", now, ""));
            s.devices.publish(kioskTopic, Payloads.kiosk(site, "ahead", "SIGN_ON", now.plus(Duration.ofHours(1)),
                    ",\"badge_id\":\"B-SECRET-4\""));
            axisCrossings(s.devices, AXIS_IN, start, 2, 2);

            List<DeadLetter> letters = KafkaRecords.decoded(kafka, DEAD_LETTER, site, DeadLetter.class,
                    l -> l.size() >= 8, WAIT);
            assertThat(letters).extracting(DeadLetter::getReason).containsExactlyInAnyOrder("MALFORMED_JSON",
                    "WRONG_TYPE", "OUT_OF_RANGE", "OUT_OF_RANGE", "TOO_OLD", "UNKNOWN_DEVICE", "FOREIGN_SITE",
                    "MISSING_FIELD");
            assertThat(letters).allSatisfy(l -> {
                assertThat(l.getSiteId()).isEqualTo(site);
                assertThat(l.getDetail()).isNotBlank();
                assertThat(l.getSource()).startsWith("mqtt:");
            });
            assertThat(letters).filteredOn(l -> l.getStream().equals("kiosk"))
                    .allSatisfy(l -> assertThat(l.getPayloadRedacted()).isTrue());

            assertThat(byId(footfall(kafka, site, 3)).values()).extracting(FootfallEvent::getCount)
                    .containsExactly(1, 1, 1);
            KioskEvent ahead = KafkaRecords.decoded(kafka, KIOSK, site, KioskEvent.class, k -> !k.isEmpty(), WAIT)
                    .get(0);
            assertThat(ahead.getClockReplaced()).isTrue();
            assertThat(ahead.getDeviceTime()).isEqualTo(now.plus(Duration.ofHours(1)));

            for (String topic : List.of(FOOTFALL, KIOSK, DEAD_LETTER, STATUS)) {
                KafkaRecords.raw(kafka, topic, site, r -> true, Duration.ofSeconds(2)).forEach(r -> assertThat(
                        new String(r.value(), StandardCharsets.ISO_8859_1)).as(topic).doesNotContain("B-SECRET"));
            }
            try (var files = Files.list(s.dataDir.resolve("quarantine"))) {
                assertThat(files.filter(f -> f.toString().endsWith(".raw")).count()).isEqualTo(4);
            }
            assertThat(agent.metrics().rejects()).containsEntry("OUT_OF_RANGE", 2L).containsEntry("TOO_OLD", 1L);
        }
    }

    @Test
    void aKafkaOutageLongerThanTheDeliveryTimeoutLosesNothing(KafkaEndpoint kafka) throws Exception {
        String site = "IT-OUTAGE";
        String start = "2026-01-05T06:00:00Z";
        try (SiteUnderTest s = new SiteUnderTest(site, kafka, dir, ""); Agent agent = s.startAgent(Clock.systemUTC())) {
            axisCrossings(s.devices, AXIS_IN, start, 0, 11);
            assertThat(byId(footfall(kafka, site, 10))).hasSize(10);

            kafka.stop();
            long stopped = System.nanoTime();
            long backlog;
            try {
                for (int i = 0; i < 5; i++) {      // devices keep counting for ~5 s, beyond delivery-timeout 3 s
                    axisCrossings(s.devices, AXIS_IN, start, 11 + i * 400L, 400);
                    Thread.sleep(1000);
                }
                // The outage is reported, round after round: the first failed round expires what the old
                // producer held; the next ones use a new producer that finds no metadata and must give up
                // after one max.block (1 s), not block again for each of the round's entries.
                await().atMost(WAIT).until(() -> agent.metrics().deliveryFailures.sum() > 0);
                long firstRound = agent.metrics().deliveryFailures.sum();
                await().atMost(WAIT).until(() -> agent.metrics().deliveryFailures.sum() > firstRound);
                await().atMost(WAIT).until(() -> agent.outbox().depth() >= 2000);
                backlog = agent.outbox().depth();
            } finally {
                kafka.start();
            }
            long restarted = System.nanoTime();
            assertThat(Duration.ofNanos(restarted - stopped)).as("outage longer than delivery-timeout 3 s")
                    .isGreaterThan(Duration.ofSeconds(3));
            System.out.printf("[kafka outage] %d delivery failures recorded during the %d ms outage%n",
                    agent.metrics().deliveryFailures.sum(), (restarted - stopped) / 1_000_000);
            long forwardedBefore = agent.metrics().eventsForwarded.sum();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(10))
                    .until(() -> agent.metrics().eventsForwarded.sum() > forwardedBefore);
            long reconnected = System.nanoTime();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> agent.outbox().depth() == 0);
            long drainMs = Math.max(1, (System.nanoTime() - reconnected) / 1_000_000);
            System.out.printf("[kafka outage] backlog of %d entries: first delivery %d ms after Kafka restarted,"
                    + " then drained in %d ms (%.0f entries/s)%n", backlog, (reconnected - restarted) / 1_000_000,
                    drainMs, backlog * 1000.0 / drainMs);

            Map<String, FootfallEvent> ids = byId(footfall(kafka, site, 2010));
            Set<String> expected = new HashSet<>();
            for (long total = 1; total <= 2010; total++) {
                expected.add(EventIds.of(site, AXIS_PREFIX, AXIS_IN, start, total));
            }
            assertThat(ids.keySet()).isEqualTo(expected);
            assertThat(ids.values().stream().mapToInt(FootfallEvent::getCount).sum()).isEqualTo(2010);
        }
    }

    @Test
    void aBrokerRestartIsFollowedByReconnectResubscribeAndRedelivery(KafkaEndpoint kafka) throws Exception {
        String site = "IT-BROKER";
        String start = "2026-01-05T06:00:00Z";
        try (SiteUnderTest s = new SiteUnderTest(site, kafka, dir, ""); Agent agent = s.startAgent(Clock.systemUTC())) {
            await().atMost(WAIT).until(() -> agent.metrics().mqttConnected());
            axisCrossings(s.devices, AXIS_IN, start, 0, 301);
            s.broker.stop();   // mid-stream: some messages are still unacknowledged by the agent
            await().atMost(WAIT).until(() -> !agent.metrics().mqttConnected());
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + agent.httpPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("not ready without the broker").isEqualTo(503);
            s.broker.start();
            await().atMost(WAIT).until(() -> agent.metrics().mqttConnected() && s.devices.isConnected());
            axisCrossings(s.devices, AXIS_IN, start, 301, 20);

            Map<String, FootfallEvent> ids = byId(footfall(kafka, site, 320));
            assertThat(ids).hasSize(320);
            assertThat(ids.values().stream().mapToInt(FootfallEvent::getCount).sum()).isEqualTo(320);
            System.out.printf("[broker restart] agent received %d MQTT messages for 321 published%n",
                    agent.metrics().messagesReceived.sum());
        }
    }

    @Test
    void axisResetsMidStreamAndAcrossAnAgentRestartGiveCorrectDeltas(KafkaEndpoint kafka) throws Exception {
        String site = "IT-RESET";
        String first = "2026-01-05T06:00:00Z";
        String second = "2026-01-05T09:00:00Z";
        String third = "2026-01-05T12:00:00Z";
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String topic = Payloads.axisTopic(AXIS_IN);
        try (SiteUnderTest s = new SiteUnderTest(site, kafka, dir, "")) {
            try (Agent agent = s.startAgent(Clock.systemUTC())) {
                s.devices.publish(topic, Payloads.axis(t, first, 10));            // baseline
                s.devices.publish(topic, Payloads.axis(t.plusMillis(1), first, 11));   // +1
                s.devices.publish(topic, Payloads.axis(t.plusMillis(2), first, 12));   // +1
                s.devices.publish(topic, Payloads.axis(t.plusMillis(3), second, 1));   // reset: +1
                s.devices.publish(topic, Payloads.axis(t.plusMillis(4), second, 2));   // +1
                footfall(kafka, site, 4);
            }
            s.devices.publish(topic, Payloads.axis(t.plusMillis(5), second, 3));       // agent down: queued, +1
            try (Agent restarted = s.startAgent(Clock.systemUTC())) {
                s.devices.publish(topic, Payloads.axis(t.plusMillis(6), third, 2));    // reset: +2
                s.devices.publish(topic, Payloads.axis(t.plusMillis(7), third, 2));    // repeat: nothing
                Map<String, FootfallEvent> ids = byId(footfall(kafka, site, 6));

                assertThat(ids).hasSize(6);
                assertThat(ids.get(EventIds.of(site, AXIS_PREFIX, AXIS_IN, second, 1L)).getCounterReset()).isTrue();
                assertThat(ids.get(EventIds.of(site, AXIS_PREFIX, AXIS_IN, second, 3L)).getCount()).isEqualTo(1);
                FootfallEvent lastReset = ids.get(EventIds.of(site, AXIS_PREFIX, AXIS_IN, third, 2L));
                assertThat(lastReset.getCount()).isEqualTo(2);
                assertThat(lastReset.getCounterReset()).isTrue();
                assertThat(ids.values().stream().mapToInt(FootfallEvent::getCount).sum()).isEqualTo(7);
            }
        }
    }

    @Test
    void milesightReportsAcrossAFallBackDstChangeGiveUtcTimesAndCounts(KafkaEndpoint kafka) throws Exception {
        String site = "IT-DST";
        // 2025-10-26: Paris clocks go from 02:59:59+02:00 back to 02:00:00+01:00.
        String[][] reports = {
            {"2025-10-26T02:58:00+02:00", "2025-10-26T02:59:00+02:00", "2"},
            {"2025-10-26T02:59:00+02:00", "2025-10-26T02:00:00+01:00", "1"},
            {"2025-10-26T02:00:00+01:00", "2025-10-26T02:01:00+01:00", "3"},
            {"2025-10-26T02:58:00+01:00", "2025-10-26T02:59:00+01:00", "4"}};
        String[] utcStarts = {"2025-10-26T00:58:00Z", "2025-10-26T00:59:00Z", "2025-10-26T01:00:00Z",
            "2025-10-26T01:58:00Z"};
        String oldDataAllowed = "validation:\n  max-event-age: 1000d\n";
        try (SiteUnderTest s = new SiteUnderTest(site, kafka, dir, oldDataAllowed);
                Agent agent = s.startAgent(Clock.systemUTC())) {
            for (String[] r : reports) {
                s.devices.publish(Payloads.milesightTopic(MILESIGHT_SN),
                        Payloads.milesight(MILESIGHT_SN, r[0], r[1], Integer.parseInt(r[2]), 0));
            }
            Map<String, FootfallEvent> ids = byId(footfall(kafka, site, 4));

            for (int i = 0; i < reports.length; i++) {
                FootfallEvent e = ids.get(EventIds.of(site, MILESIGHT_SN, MILESIGHT_LINE, utcStarts[i], "IN"));
                assertThat(e).as(reports[i][0]).isNotNull();
                assertThat(e.getEventTime()).isEqualTo(Instant.parse(utcStarts[i]));
                assertThat(e.getCount()).isEqualTo(Integer.parseInt(reports[i][2]));
            }
        }
    }

    @Test
    void aSkewedAgentClockShowsAsTheHeartbeatClockOffset(KafkaEndpoint kafka) throws Exception {
        String site = "IT-SKEW";
        Duration skew = Duration.ofMinutes(10);
        try (SiteUnderTest s = new SiteUnderTest(site, kafka, dir, "");
                Agent agent = s.startAgent(Clock.offset(Clock.systemUTC(), skew))) {
            List<AgentStatus> heartbeats = KafkaRecords.decoded(kafka, STATUS, site, AgentStatus.class,
                    h -> h.stream().anyMatch(b -> b.getClockOffsetMs() != null), WAIT);
            AgentStatus measured = heartbeats.stream().filter(b -> b.getClockOffsetMs() != null).findFirst()
                    .orElseThrow();

            assertThat(measured.getClockOffsetMs()).isBetween(skew.toMillis() - 2_000, skew.toMillis() + 2_000);
            assertThat(measured.getEventTime()).isAfter(Instant.now().plus(skew).minusSeconds(60));
        }
    }
}
