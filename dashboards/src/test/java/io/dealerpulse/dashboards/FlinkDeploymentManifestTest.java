package io.dealerpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.schemas.topics.Topic;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.StateBackendOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** deploy/k8s/flinkdeployment.yaml is what the Flink Kubernetes Operator needs and points at real things. */
class FlinkDeploymentManifestTest {
    private static final Path ROOT = ProvisioningFiles.MODULE.getParent();
    private final JsonNode manifest = ProvisioningFiles.readYaml(ROOT.resolve("deploy/k8s/flinkdeployment.yaml"));

    @Test
    void savepointUpgradesRocksDbAndDurableCheckpointAndSavepointStorage() {
        assertThat(manifest.path("kind").asText()).isEqualTo("FlinkDeployment");
        assertThat(manifest.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        JsonNode conf = manifest.path("spec").path("flinkConfiguration");
        assertThat(manifest.path("spec").path("job").path("upgradeMode").asText()).isEqualTo("savepoint");
        // the keys are Flink 2.2's own (renamed in FLINK-34482), read from its option classes
        assertThat(conf.path(StateBackendOptions.STATE_BACKEND.key()).asText()).isEqualTo("rocksdb");
        assertThat(conf.path(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key()).asText()).startsWith("s3://");
        assertThat(conf.path(CheckpointingOptions.SAVEPOINT_DIRECTORY.key()).asText()).startsWith("s3://");
        assertThat(conf.path(CheckpointingOptions.INCREMENTAL_CHECKPOINTS.key()).asText()).isEqualTo("true");
        assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
        for (String pod : new String[] {"jobManager", "taskManager"}) {
            assertThat(manifest.path("spec").path(pod).path("resource").path("memory").asText()).as(pod).matches("\\d+m");
            assertThat(manifest.path("spec").path(pod).path("resource").path("cpu").asDouble()).as(pod).isPositive();
        }
    }

    @Test
    void theJobIsTheJarTheImageShipsAndItsMainClassExists() throws Exception {
        JsonNode job = manifest.path("spec").path("job");
        String jar = job.path("jarURI").asText().replace("local://", "");
        assertThat(Files.readString(ROOT.resolve("deploy/jobs/Dockerfile"))).contains(" " + jar + "\n");
        assertThat(Class.forName(job.path("entryClass").asText()).getMethod("main", String[].class)).isNotNull();
    }

    @Test
    void parallelismFitsTheInputPartitionsAndTheSlots() {
        JsonNode spec = manifest.path("spec");
        int parallelism = spec.path("job").path("parallelism").asInt();
        int maxParallelism = spec.path("flinkConfiguration").path("pipeline.max-parallelism").asInt();
        assertThat(parallelism).isPositive().isLessThanOrEqualTo(Topic.FOOTFALL.partitions())
                .isLessThanOrEqualTo(maxParallelism);
    }
}
