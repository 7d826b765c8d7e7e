package io.dealerpulse.jobs.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar as {@code flink run} sees it: Flink's client opens the jar (its manifest's main
 * class, in Flink's child-first user class loader), runs {@code main} and captures the job graph at
 * {@code execute()}, without a cluster. Runs after {@code package}, on {@code target/dealerpulse-jobs.jar}.
 *
 * <p>A Flink distribution's class path holds Flink but no connector, Kafka client or Avro; the test's
 * class path holds them all. So that the jar's copies are the ones used, as on a cluster, only
 * Flink's own packages are loaded parent-first here (Flink's default pattern is all of
 * {@code org.apache.flink.}, which would take the connector from the test class path instead).
 */
class JobJarIT {
    private static final File JOB_JAR = new File("target/dealerpulse-jobs.jar");

    private static final String FLINK_DISTRIBUTION_PACKAGES = String.join(";", "java.", "javax.annotation.",
            "org.apache.flink.annotation.", "org.apache.flink.api.", "org.apache.flink.configuration.",
            "org.apache.flink.core.", "org.apache.flink.util.", "org.apache.flink.types.", "org.apache.flink.metrics.",
            "org.apache.flink.runtime.", "org.apache.flink.client.", "org.apache.flink.streaming.api.",
            "org.apache.flink.streaming.runtime.", "org.apache.flink.shaded.", "org.apache.flink.statebackend.",
            "org.apache.flink.state.", "org.slf4j", "org.apache.logging", "org.apache.log4j", "org.rocksdb.");

    private static Configuration flinkDistributionClassLoading() {
        Configuration config = new Configuration();
        config.set(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS, List.of(FLINK_DISTRIBUTION_PACKAGES.split(";")));
        return config;
    }

    @Test
    void flinksClientAcceptsTheJarAndBuildsTheJobGraphFromItsMainClass() throws Exception {
        assertThat(JOB_JAR).as("built by `mvn package` before the integration tests").exists();
        PackagedProgram program = PackagedProgram.newBuilder()
                .setJarFile(JOB_JAR)
                .setArguments("--kafka.bootstrap.servers", "kafka:9092", "--influx.url", "http://influxdb:8086",
                        "--checkpoint.dir", "file:///tmp/dealerpulse-checkpoints", "--job.name", "from the jar")
                .setConfiguration(flinkDistributionClassLoading())
                .build();
        try {
            assertThat(program.getMainClassName()).isEqualTo(KpiJob.class.getName());

            Pipeline pipeline = PackagedProgramUtils.getPipelineFromProgram(program, flinkDistributionClassLoading(), 2, true);

            assertThat(pipeline).isInstanceOf(StreamGraph.class);
            StreamGraph graph = (StreamGraph) pipeline;
            assertThat(graph.getJobName()).isEqualTo("from the jar");
            assertThat(graph.getStreamNodes()).hasSizeGreaterThan(9);
            ClassLoader userCode = program.getUserCodeClassLoader();
            for (String fromTheJar : List.of(KpiJob.class.getName(), "org.apache.flink.connector.kafka.source.KafkaSource",
                    "org.apache.kafka.clients.consumer.KafkaConsumer", "org.apache.avro.Schema", "org.influxdb.InfluxDB")) {
                assertThat(userCode.loadClass(fromTheJar).getClassLoader()).as("%s is loaded from the jar", fromTheJar)
                        .isNotSameAs(JobJarIT.class.getClassLoader());
            }
        } finally {
            program.close();
        }
    }
}
