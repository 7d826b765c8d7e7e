package io.dealerpulse.jobs.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.testkit.InfluxDbExtension;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.testkit.KafkaEndpoint;
import io.dealerpulse.testkit.KafkaExtension;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md "a savepoint taken with version N restores in N+1": every committed savepoint fixture
 * ({@code src/test/resources/savepoints/v<release>/}, written by {@link WriteSavepointFixtureIT})
 * restores into <em>this</em> build's {@link KpiJob} graph with no unclaimed state allowed, and the
 * restored job goes on from the saved state rather than from scratch:
 * <ul>
 *   <li>a re-sent kiosk event is a {@code duplicate} (de-duplication ids restored);</li>
 *   <li>the accounting continues from the saved totals, exactly: the fixture's input plus what was
 *       sent after the restore (Kafka offsets restored - a job starting over would count the input twice);</li>
 *   <li>a customer who checked in before the savepoint and is served after it gets a waiting time
 *       in the window of the check-in (retained events restored);</li>
 *   <li>the window open at the savepoint closes with the visitors counted before and after it
 *       (clock, retained footfall and registry restored).</li>
 * </ul>
 * A release that breaks state compatibility (a uid, a state name or type) fails here.
 */
@ExtendWith({KafkaExtension.class, InfluxDbExtension.class})
class CommittedSavepointIT {
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path work;

    static Stream<String> committedFixtures() throws Exception {
        URL folder = CommittedSavepointIT.class.getClassLoader().getResource(SavepointFixture.RESOURCE_FOLDER);
        assertThat(folder).as("classpath folder %s with the committed savepoint fixtures", SavepointFixture.RESOURCE_FOLDER)
                .isNotNull();
        List<String> releases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of(folder.toURI()))) {
            dirs.filter(d -> Files.exists(d.resolve("_metadata"))).forEach(d -> releases.add(d.getFileName().toString()));
        }
        assertThat(releases).as("committed savepoint fixtures; write one with %s", WriteSavepointFixtureIT.COMMAND)
                .isNotEmpty();
        return releases.stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("committedFixtures")
    void theCommittedSavepointRestoresAndItsStateIsUsed(String release, KafkaEndpoint kafka, InfluxEndpoint influx)
            throws Exception {
        Path fixture = Path.of(getClass().getClassLoader().getResource(SavepointFixture.RESOURCE_FOLDER + "/" + release)
                .toURI());
        Properties description = SavepointFixture.load(fixture.resolve(SavepointFixture.PROPERTIES_FILE));
        Map<Topic, Long> input = SavepointFixture.countsPerTopic(SavepointFixture.input(), null);
        input.forEach((topic, n) -> assertThat(description.getProperty("input." + topic.name()))
                .as("%s was written from this input (SavepointFixture.input() is frozen)", release).isEqualTo(n.toString()));
        String database = "savepoint_restore_" + release.replaceAll("\\W", "_");
        influx.createDatabase(database);

        // Same records, keys and order as when the fixture was written: the saved offsets point past them.
        SavepointFixture.createTopics(kafka, SavepointFixture.partitions(description));
        JobClient job = null;
        try {
            SavepointFixture.publish(kafka, SavepointFixture.input());
            JobOptions options = JobOptions.parse(SavepointFixture.jobArguments(kafka, influx.url(), database,
                    work.resolve("checkpoints")), Map.of());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(options.flinkConfiguration());
            KpiJob.wire(env, options);
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName(options.jobName() + " restored from " + release);
            // allowNonRestoredState = false: state the current graph cannot map fails the submission.
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(fixture.toUri().toString(), false));
            job = env.executeAsync(graph);
            SavepointFixture.publish(kafka, SavepointFixture.continuation());

            assertAccountingContinues(influx, database);
            assertRestoredEventsStillCount(influx, database);
        } finally {
            if (job != null) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
            deleteTopics(kafka);
        }
    }

    /** Per stream of the continued site: received = saved + sent after the restore; the re-sent check-in a duplicate. */
    private static void assertAccountingContinues(InfluxEndpoint influx, String database) {
        String site = SavepointFixture.CONTINUED_SITE;
        Map<Topic, Long> before = SavepointFixture.countsPerTopic(SavepointFixture.input(), site);
        Map<Topic, Long> after = SavepointFixture.countsPerTopic(SavepointFixture.continuation(), site);
        await().atMost(OUTPUT_TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (Topic topic : SavepointFixture.inputTopics()) {
                long expected = before.getOrDefault(topic, 0L) + after.getOrDefault(topic, 0L);
                assertThat(accounting(influx, database, site, topic, "received"))
                        .as("%s %s received: %s before the savepoint + %s after", site, topic, before.get(topic),
                                after.get(topic))
                        .isEqualTo(expected);
            }
        });
        assertThat(accounting(influx, database, site, Topic.KIOSK, "duplicate"))
                .as("the check-in re-sent after the restore is a duplicate of one read before the savepoint").isEqualTo(1);
        assertThat(accounting(influx, database, site, Topic.FOOTFALL, "duplicate")).isZero();
    }

    /** The windows the continuation changes are computed from events read before the savepoint. */
    private static void assertRestoredEventsStillCount(InfluxEndpoint influx, String database) {
        String site = SavepointFixture.CONTINUED_SITE;
        long countsBefore = countedBeforeTheSavepointInTheOpenWindow();
        long expectedVisitors = countsBefore + SavepointFixture.continuedCount();
        long waited = Duration.between(SavepointFixture.CHECKED_IN_BEFORE_SAVEPOINT, SavepointFixture.SERVED_LATER).toSeconds();
        await().atMost(OUTPUT_TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode open = window(influx, database, site, SavepointFixture.OPEN_WINDOW);
            assertThat(open.isMissingNode()).as("window %s closed after the restore", SavepointFixture.OPEN_WINDOW).isFalse();
            assertThat(open.get(1).asLong()).as("visitors: %s counted before the savepoint + %s after", countsBefore,
                    SavepointFixture.continuedCount()).isEqualTo(expectedVisitors);
            JsonNode closed = window(influx, database, site, SavepointFixture.CLOSED_WINDOW);
            assertThat(closed.isMissingNode()).isFalse();
            assertThat(closed.get(2).asLong()).as("waiting_served of the 09:50 check-in's window").isEqualTo(1);
            assertThat(closed.get(3).asDouble()).as("waiting_mean_s: check-in before the savepoint, served after")
                    .isEqualTo((double) waited);
        });
    }

    private static long countedBeforeTheSavepointInTheOpenWindow() {
        long counted = 0;
        int interval = 0;
        for (Instant t = SavepointFixture.FIRST_COUNT; !t.isAfter(SavepointFixture.LAST_COUNT);
                t = t.plus(SavepointFixture.COUNT_INTERVAL), interval++) {
            if (!t.isBefore(SavepointFixture.OPEN_WINDOW)) {
                counted += SavepointFixture.count(0, interval);
            }
        }
        return counted;
    }

    private static long accounting(InfluxEndpoint influx, String database, String site, Topic topic, String field) {
        JsonNode row = influx.query(database, "SELECT \"" + field + "\" FROM stream_accounting WHERE site = '" + site
                + "' AND stream = '" + Send.streamOf(topic).tag() + "' ORDER BY time DESC LIMIT 1")
                .at("/results/0/series/0/values/0");
        return row.isMissingNode() || row.get(1).isNull() ? 0 : row.get(1).asLong();
    }

    private static JsonNode window(InfluxEndpoint influx, String database, String site, Instant start) {
        return influx.query(database, "SELECT visitors, waiting_served, waiting_mean_s FROM staffing_window WHERE site = '"
                + site + "' AND time = '" + start + "'").at("/results/0/series/0/values/0");
    }

    /** The fixture topics have fixed names (the savepoint stores them): remove them for the next fixture. */
    private static void deleteTopics(KafkaEndpoint kafka) throws Exception {
        List<String> names = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            names.add(SavepointFixture.topicName(topic));
        }
        try (Admin admin = Admin.create(kafka.adminProperties())) {
            admin.deleteTopics(names).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.listTopics().names().get().stream()
                    .noneMatch(names::contains));
        }
    }
}
