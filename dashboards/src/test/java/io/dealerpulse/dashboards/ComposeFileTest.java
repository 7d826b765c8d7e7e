package io.dealerpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.schemas.topics.Topic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The full-stack docker-compose.yml, validated statically (no Docker engine here): Compose accepts
 * it, every file it mounts and every Dockerfile it builds exists, images are pinned, start order
 * waits on health checks, and the topics it creates are the ones the code defines.
 */
class ComposeFileTest {
    private static final Path ROOT = ProvisioningFiles.MODULE.getParent();
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        Process process;
        try {
            process = dockerCompose("config", "-q").redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("docker-compose is not installed; install it with: sudo apt-get install -y docker-compose ("
                    + e.getMessage() + ")");
            return;
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker-compose config finishes").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("docker-compose config -q: %s", output).isZero();
    }

    @Test
    void everyMountedFileAndBuiltDockerfileExistsAndImagesArePinned() {
        JsonNode services = compose().path("services");
        Set<String> namedVolumes = new HashSet<>();
        compose().path("volumes").fieldNames().forEachRemaining(namedVolumes::add);
        int mounts = 0;
        for (Map.Entry<String, JsonNode> service : iterable(services)) {
            String name = service.getKey();
            JsonNode s = service.getValue();
            for (JsonNode volume : s.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith("/")) {
                    assertThat(Path.of(source)).as("file mounted by %s", name).exists();
                    assertThat(Path.of(source)).as("file mounted by %s", name).startsWith(ROOT);
                    mounts++;
                } else {
                    assertThat(namedVolumes).as("named volume %s of %s", source, name).contains(source);
                }
            }
            if (s.has("build")) {
                assertThat(Path.of(s.path("build").path("context").asText())
                        .resolve(s.path("build").path("dockerfile").asText())).as("Dockerfile of %s", name).exists();
            }
            String image = s.path("image").asText();
            assertThat(image).as("image of %s", name).matches("[a-z0-9./_-]+:[0-9][A-Za-z0-9._-]*");
        }
        assertThat(mounts).isGreaterThanOrEqualTo(9);
        assertThat(namedVolumes).contains("flink-checkpoints", "flink-savepoints", "influxdb-data", "kafka-data");
    }

    @Test
    void startOrderWaitsOnHealthChecksOfServicesThatHaveThem() {
        JsonNode services = compose().path("services");
        int waits = 0;
        for (Map.Entry<String, JsonNode> service : iterable(services)) {
            for (Map.Entry<String, JsonNode> dependency : iterable(service.getValue().path("depends_on"))) {
                String condition = dependency.getValue().path("condition").asText();
                assertThat(condition).as("%s waits for %s", service.getKey(), dependency.getKey())
                        .isIn("service_healthy", "service_completed_successfully", "service_started");
                if (condition.equals("service_healthy")) {
                    assertThat(services.path(dependency.getKey()).has("healthcheck"))
                            .as("%s has the health check %s waits for", dependency.getKey(), service.getKey()).isTrue();
                    waits++;
                }
            }
        }
        assertThat(waits).isGreaterThanOrEqualTo(8);
        assertThat(services.fieldNames()).toIterable().contains("kafka", "topics", "mosquitto", "edge-agent", "influxdb",
                "grafana", "jobmanager", "taskmanager", "submit-job", "simulator");
    }

    @Test
    void theFlinkClusterUsesFlink22KeysForRocksDbCheckpointsAndSavepoints() {
        String properties = compose().path("services").path("jobmanager").path("environment").path("FLINK_PROPERTIES").asText();
        assertThat(properties)
                .contains(org.apache.flink.configuration.StateBackendOptions.STATE_BACKEND.key() + ": rocksdb")
                .contains(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY.key() + ": file:///flink/checkpoints")
                .contains(org.apache.flink.configuration.CheckpointingOptions.SAVEPOINT_DIRECTORY.key() + ": file:///flink/savepoints");
        assertThat(compose().path("services").path("taskmanager").path("environment").path("FLINK_PROPERTIES").asText())
                .isEqualTo(properties);
    }

    @Test
    void theSiteBrokerRunsTheAgentsShippedConfig() {
        JsonNode mosquitto = compose().path("services").path("mosquitto");
        assertThat(mosquitto.path("volumes").toString())
                .contains(ROOT.resolve("edge-agent/config/mosquitto.conf") + ":/mosquitto/config/mosquitto.conf");
        assertThat(compose().path("services").path("grafana").path("volumes").toString())
                .contains(ROOT.resolve("dashboards/grafana/provisioning") + ":/etc/grafana/provisioning");
    }

    @Test
    void theTopicsScriptCreatesExactlyTheTopicsOfTheCode() throws IOException {
        Map<String, String> fromScript = new HashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/compose/create-topics.sh"))) {
            if (line.startsWith("create ")) {
                String[] words = line.split(" ");
                Map<String, String> configs = new HashMap<>();
                for (int i = 3; i < words.length; i += 2) {
                    String[] kv = words[i + 1].split("=", 2);
                    configs.put(kv[0], kv[1]);
                }
                fromScript.put(words[1], words[2] + " " + new java.util.TreeMap<>(configs));
            }
        }
        Map<String, String> fromCode = new HashMap<>();
        for (Topic topic : Topic.values()) {
            fromCode.put(topic.topicName(), topic.partitions() + " " + new java.util.TreeMap<>(topic.configs()));
        }
        assertThat(fromScript).isEqualTo(fromCode);
    }

    /**
     * The file as Compose resolved it ({@code docker-compose config}: anchors and merge keys applied,
     * relative paths made absolute), so the checks see what Compose would run.
     */
    private static JsonNode compose() {
        try {
            Path resolved = Files.createTempFile("compose-resolved", ".yml");
            try {
                Process process = dockerCompose("config").redirectOutput(resolved.toFile()).start();
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).as("docker-compose config").isZero();
                return ProvisioningFiles.readYaml(resolved);
            } finally {
                Files.deleteIfExists(resolved);
            }
        } catch (IOException e) {
            throw new AssertionError("docker-compose is not installed; install it with: sudo apt-get install -y docker-compose ("
                    + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static ProcessBuilder dockerCompose(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("docker-compose", "-f", COMPOSE.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(ROOT.toFile());
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new java.util.ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        return entries;
    }
}
