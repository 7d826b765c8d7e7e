package io.dealerpulse.agent.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.schemas.topics.Topic;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class ConfiguredTopicsTest {
    @Test
    void standardNamesAreLeftToTheProvisioner() {
        AgentConfig.Topics standard = new AgentConfig.Topics(Topic.FOOTFALL.topicName(), Topic.KIOSK.topicName(),
                Topic.DEAD_LETTER.topicName(), Topic.AGENT_STATUS.topicName());
        assertEquals(List.of(), ConfiguredTopics.missingRenamed(standard, Set.of(), (short) 1));
    }

    @Test
    void aRenamedTopicIsCreatedWithItsStandardLayoutUnlessItExists() {
        AgentConfig.Topics renamed = new AgentConfig.Topics("site.footfall", Topic.KIOSK.topicName(),
                "site.dead-letter", "site.status");
        List<NewTopic> missing = ConfiguredTopics.missingRenamed(renamed, Set.of("site.dead-letter"), (short) 3);

        assertEquals(List.of("site.footfall", "site.status"), missing.stream().map(NewTopic::name).toList());
        NewTopic status = missing.get(1);
        assertEquals(Topic.AGENT_STATUS.partitions(), status.numPartitions());
        assertEquals((short) 3, status.replicationFactor());
        assertEquals("LogAppendTime", status.configs().get("message.timestamp.type"));
    }

    @Test
    void oneRenamedTopicSharedByTwoStreamsIsCreatedOnce() {
        AgentConfig.Topics shared = new AgentConfig.Topics("site.events", "site.events", Topic.DEAD_LETTER.topicName(),
                Topic.AGENT_STATUS.topicName());
        assertEquals(List.of("site.events"),
                ConfiguredTopics.missingRenamed(shared, Set.of(), (short) 1).stream().map(NewTopic::name).toList());
    }
}
