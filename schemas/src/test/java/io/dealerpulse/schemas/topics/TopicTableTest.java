package io.dealerpulse.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TopicTableTest {
    @Test
    void docsTopicTable_isGeneratedFromTheTopicEnum() throws Exception {
        Path doc = Path.of("..", "docs", "topics.md");
        assertThat(doc).exists();
        assertThat(Files.readString(doc))
                .as("docs/topics.md is stale: regenerate its table with "
                        + "'./mvnw -q -pl schemas compile exec:java -Dexec.mainClass=io.dealerpulse.schemas.topics.TopicTable'")
                .contains(Topic.markdownTable());
    }

    @Test
    void rawTopicsKeepAtLeast400Days_andTheRegistryIsCompacted() {
        for (Topic topic : Topic.values()) {
            if (topic.compacted()) {
                assertThat(topic.configs()).containsEntry("cleanup.policy", "compact");
            } else {
                assertThat(Long.parseLong(topic.configs().get("retention.ms")))
                        .isGreaterThanOrEqualTo(400L * 24 * 3600 * 1000);
            }
        }
        assertThat(Topic.SITE_REGISTRY.compacted()).isTrue();
        assertThat(Topic.registryKey("S1", 1000L)).isEqualTo("S1@1000");
    }
}
