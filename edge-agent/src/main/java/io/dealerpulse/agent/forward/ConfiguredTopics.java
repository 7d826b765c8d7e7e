package io.dealerpulse.agent.forward;

import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.schemas.topics.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics {@code kafka.create-topics} must create for names renamed in {@code kafka.topics}: the
 * product's topics are created under their standard names by {@code TopicProvisioner}, but a renamed
 * topic was never created, and a record for a topic that does not exist stalls every forwarder round
 * for {@code kafka.max-block} (5 s) and then recreates the producer (measured in BENCHMARKS.md §5:
 * the forwarder fell to ≈ 230 events/s). A renamed topic gets its standard topic's partitions and
 * configuration.
 */
public final class ConfiguredTopics {
    private ConfiguredTopics() {}

    /** New topics for the configured names that are neither a standard name nor in {@code existing}. */
    public static List<NewTopic> missingRenamed(AgentConfig.Topics topics, Set<String> existing, short replication) {
        List<NewTopic> missing = new ArrayList<>();
        add(missing, topics.footfall(), Topic.FOOTFALL, existing, replication);
        add(missing, topics.kiosk(), Topic.KIOSK, existing, replication);
        add(missing, topics.deadLetter(), Topic.DEAD_LETTER, existing, replication);
        add(missing, topics.agentStatus(), Topic.AGENT_STATUS, existing, replication);
        return missing;
    }

    private static void add(List<NewTopic> missing, String name, Topic standard, Set<String> existing,
            short replication) {
        if (name.equals(standard.topicName()) || existing.contains(name)
                || missing.stream().anyMatch(t -> t.name().equals(name))) {
            return;
        }
        missing.add(new NewTopic(name, standard.partitions(), replication).configs(standard.configs()));
    }
}
