package io.dealerpulse.jobs.it.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.jobs.health.HealthOptions;
import io.dealerpulse.jobs.it.InfluxJson;
import io.dealerpulse.jobs.it.score.ScoreTopics;
import io.dealerpulse.jobs.pipeline.OutputOptions;
import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.InfluxDbExtension;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pipeline health through the real pipeline (Kafka → MiniCluster at parallelism 2 → influxd without
 * authentication, so the writer creates the group databases itself): {@link SmallNetwork}'s
 * heartbeats, dead letters of three kinds, a silent door counter, read back with InfluxQL and
 * compared with values the test derives from the records it published.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({KafkaExtension.class, InfluxDbExtension.class})
class PipelineHealthIT {
    private static final String DB = "health_it";
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(45);
    private static final int SPAN_WINDOWS = 4;
    private static final int MIN_CHECK_INS = 3;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(NetworkJob.PARALLELISM).build());

    private final SmallNetwork network = SmallNetwork.build();
    private InfluxEndpoint influx;
    private ScoreTopics topics;
    private JobClient job;

    @BeforeAll
    void run(KafkaEndpoint kafka, InfluxEndpoint influx) throws Exception {
        this.influx = influx;
        influx.query("", "DROP DATABASE " + DB);
        influx.createDatabase(DB);
        topics = new ScoreTopics(kafka, "health");
        HealthOptions health = HealthOptions.defaults().withEmitInterval(Duration.ofMillis(300))
                .withDoorSilentSpan(Duration.ofMinutes(15L * SPAN_WINDOWS)).withDoorSilentMinCheckIns(MIN_CHECK_INS);
        job = NetworkJob.start(topics, InfluxDbSinkOptions.of(influx.url(), DB, null, null),
                OutputOptions.defaults().withGroupDatabasePrefix("health_it_group_").withHealth(health));
        network.publish(topics, influx, DB);
        Eventually.noProblems("pipeline-health points equal to the expected ones", OUTPUT_TIMEOUT, () -> {
            List<String> problems = new ArrayList<>();
            compare("dead letters", expectedDeadLetters(), deadLetters(), problems);
            compare("input rate", expectedInputs(), inputs(), problems);
            compare("hourly events", expectedHourly(), hourly(), problems);
            compare("door sensor", expectedDoors(), doors(), problems);
            compare("agent status", expectedAgents(), agents(), problems);
            return problems;
        });
    }

    @AfterAll
    void stop() throws Exception {
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (topics != null) {
            topics.close();
        }
    }

    @Test
    void everyHeartbeatIsAnAgentStatusPointWithItsFigures() {
        assertThat(agents()).isEqualTo(expectedAgents()).hasSize(15 * SmallNetwork.SITES.size());
    }

    @Test
    void deadLettersAreCountedPerStreamAndReason() {
        assertThat(deadLetters()).isEqualTo(expectedDeadLetters())
                .containsEntry("footfall/CORRUPT_AVRO", 2L).containsEntry("kiosk/UNKNOWN_SITE", 2L);
    }

    @Test
    void theMinuteCountsOfEachStreamAddUpToTheRecordsRead() {
        assertThat(inputs()).isEqualTo(expectedInputs());
    }

    @Test
    void eventsPerSiteStreamAndLocalHourMatchThePublishedRecords() {
        assertThat(hourly()).isEqualTo(expectedHourly());
    }

    @Test
    void theSilentDoorCounterIsSuspectedFromTheFourthSilentWindowUntilItCountsAgain() {
        Map<String, String> doors = doors();
        assertThat(doors).isEqualTo(expectedDoors()).hasSize(12 * SmallNetwork.SITES.size());
        assertThat(doors.entrySet().stream().filter(e -> e.getValue().startsWith("true")).map(Map.Entry::getKey).toList())
                .containsExactly(SmallNetwork.NORD_SILENT + " " + SmallNetwork.at(LocalTime.of(9, 45)),
                        SmallNetwork.NORD_SILENT + " " + SmallNetwork.at(LocalTime.of(10, 0)),
                        SmallNetwork.NORD_SILENT + " " + SmallNetwork.at(LocalTime.of(10, 15)));
    }

    @Test
    void healthPointsStayOutOfTheGroupDatabases() {
        JsonNode answer = influx.query("health_it_group_groupe_nord", "SHOW MEASUREMENTS");
        assertThat(answer.toString()).contains("staffing_window").doesNotContain("agent_status")
                .doesNotContain("door_sensor_health").doesNotContain("dead_letters");
    }

    // ------------------------------------------------------------------ expected, from the records

    private static String stream(Topic topic) {
        return Send.streamOf(topic).tag();
    }

    private Map<String, Long> expectedDeadLetters() {
        Map<String, Long> expected = new TreeMap<>();
        for (Send send : network.sends()) {
            if (send.corrupt()) {
                // Truncated Avro on footfall, JSON (no single-object marker) on kiosk.
                expected.merge(stream(send.topic()) + (send.topic() == Topic.KIOSK ? "/NOT_SINGLE_OBJECT" : "/CORRUPT_AVRO"),
                        1L, Long::sum);
            } else if (send.key().equals(SmallNetwork.GHOST)) {
                expected.merge(stream(send.topic()) + "/UNKNOWN_SITE", 1L, Long::sum);
            }
        }
        return expected;
    }

    private Map<String, Long> expectedInputs() {
        Map<String, Long> expected = new TreeMap<>();
        network.sends().forEach(s -> expected.merge(stream(s.topic()), 1L, Long::sum));
        return expected;
    }

    private Map<String, Long> expectedHourly() {
        Map<String, Long> expected = new TreeMap<>();
        for (Send send : network.sends()) {
            if (send.corrupt() || send.key().equals(SmallNetwork.GHOST)) {
                continue;
            }
            Instant time = (Instant) send.record().get(send.record().getSchema().getField("event_time").pos());
            String site = (String) send.record().get(send.record().getSchema().getField("site_id").pos());
            ZonedDateTime hour = time.atZone(SmallNetwork.ZONE).truncatedTo(ChronoUnit.HOURS);
            expected.merge(site + " " + stream(send.topic()) + " " + hour.toInstant() + " " + hour.getHour(), 1L, Long::sum);
        }
        return expected;
    }

    /** "site windowStart" → "suspected/silent_minutes/check_ins_while_silent", by walking each site's morning. */
    private Map<String, String> expectedDoors() {
        Map<String, String> expected = new TreeMap<>();
        for (String site : SmallNetwork.SITES) {
            int silent = 0;
            for (LocalTime t = SmallNetwork.OPEN; t.isBefore(SmallNetwork.CLOSE); t = t.plusMinutes(15)) {
                boolean doorQuiet = site.equals(SmallNetwork.NORD_SILENT) && !t.isBefore(SmallNetwork.SILENCE_START)
                        && t.isBefore(SmallNetwork.SILENCE_END);
                silent = doorQuiet ? silent + 1 : 0;
                long checkIns = silent; // one check-in per window
                boolean suspected = silent >= SPAN_WINDOWS && checkIns >= MIN_CHECK_INS;
                expected.put(site + " " + SmallNetwork.at(t), suspected + "/" + silent * 15 + "/" + checkIns);
            }
        }
        return expected;
    }

    /** "site time" → figures of the heartbeat. */
    private Map<String, String> expectedAgents() {
        Map<String, String> expected = new TreeMap<>();
        for (AgentStatus s : network.heartbeats()) {
            long rejects = s.getRejects().values().stream().mapToLong(Long::longValue).sum();
            expected.put(s.getSiteId() + " " + s.getEventTime(), String.join("/", s.getDeviceId(), s.getAgentVersion(),
                    Long.toString(s.getEventTime().toEpochMilli()), Long.toString(s.getOutboxDepth()),
                    Long.toString(s.getOldestPendingAgeMs()), String.valueOf(s.getClockOffsetMs() != null),
                    Long.toString(s.getClockOffsetMs() == null ? 0 : s.getClockOffsetMs()), Long.toString(rejects),
                    Long.toString(s.getSequence())));
        }
        return expected;
    }

    // ------------------------------------------------------------------ stored, read back with InfluxQL

    private Map<String, Long> deadLetters() {
        Map<String, Long> stored = new TreeMap<>();
        for (JsonNode series : series("SELECT last(count) FROM dead_letters GROUP BY stream, reason")) {
            Map<String, String> tags = InfluxJson.tags(series);
            stored.put(tags.get("stream") + "/" + tags.get("reason"), series.at("/values/0/1").asLong());
        }
        return stored;
    }

    private Map<String, Long> inputs() {
        Map<String, Long> stored = new TreeMap<>();
        for (JsonNode series : series("SELECT sum(events) FROM input_rate GROUP BY stream")) {
            stored.put(InfluxJson.tags(series).get("stream"), series.at("/values/0/1").asLong());
        }
        return stored;
    }

    private Map<String, Long> hourly() {
        Map<String, Long> stored = new TreeMap<>();
        for (JsonNode series : series("SELECT events, local_hour FROM site_events_hourly GROUP BY site, stream")) {
            Map<String, String> tags = InfluxJson.tags(series);
            for (JsonNode row : series.get("values")) {
                stored.put(tags.get("site") + " " + tags.get("stream") + " " + Instant.parse(row.get(0).asText()) + " "
                        + Integer.parseInt(row.get(2).asText()), row.get(1).asLong());
            }
        }
        return stored;
    }

    private Map<String, String> doors() {
        Map<String, String> stored = new TreeMap<>();
        for (JsonNode series : series("SELECT suspected_fault, silent_minutes, check_ins_while_silent"
                + " FROM door_sensor_health GROUP BY site")) {
            String site = InfluxJson.tags(series).get("site");
            for (JsonNode row : series.get("values")) {
                stored.put(site + " " + Instant.parse(row.get(0).asText()),
                        row.get(1).asBoolean() + "/" + row.get(2).asLong() + "/" + row.get(3).asLong());
            }
        }
        return stored;
    }

    private Map<String, String> agents() {
        Map<String, String> stored = new TreeMap<>();
        for (JsonNode series : series("SELECT agent_version, heartbeat_time_ms, outbox_depth, oldest_pending_age_ms,"
                + " clock_offset_measured, clock_offset_ms, rejects, sequence FROM agent_status GROUP BY site, agent")) {
            Map<String, String> tags = InfluxJson.tags(series);
            for (JsonNode row : series.get("values")) {
                stored.put(tags.get("site") + " " + Instant.parse(row.get(0).asText()), String.join("/", tags.get("agent"),
                        row.get(1).asText(), row.get(2).asText(), row.get(3).asText(), row.get(4).asText(),
                        row.get(5).asText(), row.get(6).asText(), row.get(7).asText(), row.get(8).asText()));
            }
        }
        return stored;
    }

    private List<JsonNode> series(String influxql) {
        return InfluxJson.series(influx, DB, influxql);
    }

    private static <V> void compare(String what, Map<String, V> expected, Map<String, V> stored, List<String> problems) {
        if (!expected.equals(stored)) {
            List<String> diff = new ArrayList<>();
            expected.forEach((k, v) -> {
                if (!v.equals(stored.get(k))) {
                    diff.add(k + ": want " + v + ", stored " + stored.get(k));
                }
            });
            stored.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> diff.add(k + ": unexpected " + stored.get(k)));
            problems.add(what + ": " + diff.size() + " differences, first " + diff.stream().limit(4).toList());
        }
    }
}
