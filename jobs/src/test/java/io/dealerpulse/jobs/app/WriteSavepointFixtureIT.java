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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes this release's savepoint fixture: the deployable {@link KpiJob} graph (RocksDB, parallelism 2)
 * reads {@link SavepointFixture#input()} and is stopped with a canonical savepoint, which is copied to
 * {@code jobs/src/test/resources/savepoints/v<release>/} with a {@code fixture.properties}.
 * {@link CommittedSavepointIT} restores every committed fixture on every build.
 *
 * <p>Not part of the default run (it rewrites a committed file); run it once per release, before
 * the release's tag, and commit the directory:
 * <pre>{@value #COMMAND}</pre>
 */
@ExtendWith({KafkaExtension.class, InfluxDbExtension.class})
class WriteSavepointFixtureIT {
    static final String COMMAND = "./mvnw -B -pl jobs verify -Psavepoint-fixture -Dit.test=WriteSavepointFixtureIT"
            + " -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false";
    /** Set by the {@code savepoint-fixture} Maven profile to the project version. */
    static final String RELEASE_PROPERTY = "savepoint.fixture.release";
    private static final String DATABASE = "savepoint_fixture_write";

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path work;

    @Test
    void writesTheSavepointFixtureOfThisRelease(KafkaEndpoint kafka, InfluxEndpoint influx) throws Exception {
        String release = System.getProperty(RELEASE_PROPERTY, "").replace("-SNAPSHOT", "");
        assertThat(release).as("system property %s (set by -Psavepoint-fixture); run: %s", RELEASE_PROPERTY, COMMAND)
                .isNotBlank();
        Map<Topic, Integer> partitions = new EnumMap<>(Topic.class);
        SavepointFixture.inputTopics().forEach(topic -> partitions.put(topic, topic.partitions()));
        SavepointFixture.createTopics(kafka, partitions);
        SavepointFixture.publish(kafka, SavepointFixture.input());
        influx.createDatabase(DATABASE);

        JobOptions options = JobOptions.parse(SavepointFixture.jobArguments(kafka, influx.url(), DATABASE,
                work.resolve("checkpoints")), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(options.flinkConfiguration());
        KpiJob.wire(env, options);
        JobClient job = env.executeAsync(options.jobName());
        String savepoint;
        try {
            awaitEverythingReceived(influx);
            savepoint = job.stopWithSavepoint(false, work.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            job.cancel().get(30, TimeUnit.SECONDS);
            throw e;
        }

        Path target = SavepointFixture.SOURCE_DIRECTORY.resolve("v" + release);
        replaceDirectory(Path.of(URI.create(savepoint)), target);
        SavepointFixture.store(SavepointFixture.describe(release, partitions), target.resolve(SavepointFixture.PROPERTIES_FILE));
        assertThat(target.resolve("_metadata")).exists();
        System.out.println("Savepoint fixture written to " + target.toAbsolutePath() + "; commit it.");
    }

    /** Waits until every site's accounting counts the whole input of each of its streams. */
    private static void awaitEverythingReceived(InfluxEndpoint influx) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String site : SavepointFixture.SITES) {
                Map<Topic, Long> expected = SavepointFixture.countsPerTopic(SavepointFixture.input(), site);
                for (Map.Entry<Topic, Long> e : expected.entrySet()) {
                    String stream = Send.streamOf(e.getKey()).tag();
                    JsonNode row = influx.query(DATABASE, "SELECT received FROM stream_accounting WHERE site = '" + site
                            + "' AND stream = '" + stream + "' ORDER BY time DESC LIMIT 1")
                            .at("/results/0/series/0/values/0");
                    assertThat(row.isMissingNode() ? 0 : row.get(1).asLong()).as("%s %s received", site, stream)
                            .isEqualTo(e.getValue());
                }
            }
        });
    }

    private static void replaceDirectory(Path from, Path to) throws Exception {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path copy = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
