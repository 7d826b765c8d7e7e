package io.dealerpulse.jobs.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.jobs.sink.InfluxDbSinkOptions;
import io.dealerpulse.schemas.topics.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobOptionsTest {
    private static final Map<String, String> NO_ENV = Map.of();
    private static final String[] MINIMAL = {
        "--kafka.bootstrap.servers", "kafka:9092",
        "--influx.url", "http://influxdb:8086",
        "--checkpoint.dir", "file:///flink/checkpoints"};

    @TempDir
    Path dir;

    @Test
    void theRequiredKeysAloneGiveAWorkingConfigurationWithDocumentedDefaults() {
        JobOptions options = JobOptions.parse(MINIMAL, NO_ENV);

        assertThat(options.topic(Topic.FOOTFALL)).isEqualTo(Topic.FOOTFALL.topicName());
        assertThat(options.topic(Topic.LATE_EVENTS)).isEqualTo(Topic.LATE_EVENTS.topicName());
        assertThat(options.kafkaGroupId()).isEqualTo("dealerpulse-kpis");
        assertThat(options.kafkaStartingOffsets()).isEqualTo("committed");
        assertThat(options.parallelism()).isEmpty();
        InfluxDbSinkOptions influx = options.influx();
        assertThat(influx.url()).isEqualTo("http://influxdb:8086");
        assertThat(influx.database()).isEqualTo("dealerpulse");
        assertThat(influx.user()).isNull();
        assertThat(influx.password()).isNull();
        assertThat(influx.retentionPolicy()).isNull();
        assertThat(influx.batchSize()).isEqualTo(1000);
        assertThat(influx.flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(influx.backoff().max()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.kpi().outOfOrderness()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.kpi().allowedLateness()).isEqualTo(Duration.ofHours(24));
        assertThat(options.outageBudget()).isEqualTo(Duration.ofMinutes(12));
    }

    @Test
    void theFlinkConfigurationIsRocksDbWithIncrementalCheckpointsAndNoGenericTypes() {
        Configuration config = JobOptions.parse(MINIMAL, NO_ENV).flinkConfiguration();

        assertThat(config.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(config.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(config.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///flink/checkpoints");
        assertThat(config.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT)).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.get(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)).isEqualTo(5);
        assertThat(config.get(PipelineOptions.GENERIC_TYPES)).isFalse();
        assertThat(config.get(PipelineOptions.MAX_PARALLELISM)).isEqualTo(128);
        assertThat(config.contains(CoreOptions.DEFAULT_PARALLELISM)).isFalse();
    }

    @Test
    void argumentsOverrideThePropertiesFile() throws Exception {
        Path file = Files.writeString(dir.resolve("jobs.properties"), String.join("\n",
                "kafka.bootstrap.servers = from-file:9092",
                "influx.url = http://from-file:8086",
                "checkpoint.dir = s3://bucket/checkpoints",
                "kafka.topic.footfall = footfall.test",
                "parallelism = 4",
                "checkpoint.interval = 1 min",
                "kafka.properties.security.protocol = SASL_SSL",
                "kafka.properties.sasl.mechanism = SCRAM-SHA-512"));

        JobOptions options = JobOptions.parse(new String[] {"--config", file.toString(),
            "--kafka.bootstrap.servers", "from-args:9092", "--parallelism", "2"}, NO_ENV);

        assertThat(options.kafkaBootstrapServers()).isEqualTo("from-args:9092");
        assertThat(options.parallelism()).hasValue(2);
        assertThat(options.topic(Topic.FOOTFALL)).isEqualTo("footfall.test");
        assertThat(options.topic(Topic.KIOSK)).isEqualTo(Topic.KIOSK.topicName());
        assertThat(options.flinkConfiguration().get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(options.kafkaProperties()).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.mechanism", "SCRAM-SHA-512"));
    }

    @Test
    void thePasswordComesFromTheEnvironmentOrAFileAndIsNeverPrinted() throws Exception {
        String[] withUser = withArgs("--influx.user", "kpi_writer");
        assertThat(JobOptions.parse(withUser, Map.of(JobOptions.PASSWORD_ENV, "s3cret")).influx().password())
                .isEqualTo("s3cret");

        Path secret = Files.writeString(dir.resolve("influx.secret"), "from-file\n");
        JobOptions fromFile = JobOptions.parse(withArgs("--influx.user", "kpi_writer", "--influx.password-file",
                secret.toString()), NO_ENV);
        assertThat(fromFile.influx().password()).isEqualTo("from-file");
        assertThat(fromFile.describe()).contains("influx.user = kpi_writer").doesNotContain("from-file\n")
                .doesNotContain("= from-file");
        assertThat(fromFile.influx().toString()).doesNotContain("from-file");
    }

    @Test
    void everyProblemIsReportedOnceWithItsKeyAndWhatToDo() {
        String[] args = {"--kafka.topic.footfal", "x", "--influx.url", "influxdb:8086", "--checkpoint.interval",
            "soon", "--influx.batch-size", "0", "--influx.password", "hunter2", "--kafka.starting-offsets", "beginning",
            "--influx.retry.jitter", "2"};

        assertThatThrownBy(() -> JobOptions.parse(args, NO_ENV))
                .isInstanceOfSatisfying(InvalidJobOptionsException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "kafka.topic.footfal: unknown key; check its spelling against docs/jobs.md",
                        "influx.password: not accepted, a password in a file or on the command line leaks into process"
                                + " listings and the Flink UI; set INFLUXDB_PASSWORD or influx.password-file",
                        "kafka.bootstrap.servers: missing; " + JobOptions.KAFKA_BOOTSTRAP.meaning(),
                        "checkpoint.dir: missing; " + JobOptions.CHECKPOINT_DIR.meaning(),
                        "influx.url: 'influxdb:8086' is not an HTTP URL; write e.g. http://influxdb:8086",
                        "kafka.starting-offsets: 'beginning' is not one of committed, earliest, latest",
                        "checkpoint.interval: 'soon' is not a duration; write e.g. 500 ms, 30 s, 2 min, 24 h",
                        "influx.batch-size: '0' must be at least 1",
                        "influx.retry.jitter: 2.0 is outside 0..1; 0.5 is a good value"))
                .hasMessageStartingWith("The DealerPulse job cannot start, 9 configuration problem(s):\n  - ")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aCheckpointBudgetTooShortForAnInfluxRestartIsRefused() {
        assertThatThrownBy(() -> JobOptions.parse(withArgs("--checkpoint.timeout", "10 s",
                "--checkpoint.tolerable-failures", "2"), NO_ENV))
                .hasMessageContaining("checkpoint.timeout/checkpoint.tolerable-failures: together they ride out only 30 s"
                        + " of sink outage, less than 60 s");
    }

    @Test
    void aUserWithoutPasswordAndTwoPasswordSourcesAreRefused() throws Exception {
        assertThatThrownBy(() -> JobOptions.parse(withArgs("--influx.user", "kpi_writer"), NO_ENV))
                .hasMessageContaining("influx.user: is set but no password was given");
        Path secret = Files.writeString(dir.resolve("influx.secret"), "x");
        assertThatThrownBy(() -> JobOptions.parse(withArgs("--influx.user", "u", "--influx.password-file",
                secret.toString()), Map.of(JobOptions.PASSWORD_ENV, "y")))
                .hasMessageContaining("keep only one source of the password");
    }

    @Test
    void aDanglingArgumentIsReported() {
        assertThatThrownBy(() -> JobOptions.parse(withArgs("--parallelism"), NO_ENV))
                .hasMessageContaining("--parallelism: has no value; write `--parallelism <value>`");
    }

    @Test
    void theExamplePropertiesFileIsValidAsShipped() {
        JobOptions options = JobOptions.parse(new String[] {"--config", "config/jobs.example.properties"}, NO_ENV);

        assertThat(options.kafkaBootstrapServers()).isEqualTo("kafka:9092");
        assertThat(options.outageBudget()).isEqualTo(Duration.ofMinutes(12));
    }

    @Test
    void theDocsListEveryKeyAsGenerated() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "jobs.md"));

        assertThat(docs).as("docs/jobs.md must contain JobOptions.markdownTable() verbatim")
                .contains(JobOptions.markdownTable());
        for (JobOptions.Key key : JobOptions.keys()) {
            assertThat(docs).contains("`" + key.name() + "`");
        }
    }

    private static String[] withArgs(String... extra) {
        String[] all = new String[MINIMAL.length + extra.length];
        System.arraycopy(MINIMAL, 0, all, 0, MINIMAL.length);
        System.arraycopy(extra, 0, all, MINIMAL.length, extra.length);
        return all;
    }
}
