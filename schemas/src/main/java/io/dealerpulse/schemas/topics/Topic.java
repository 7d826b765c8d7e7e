package io.dealerpulse.schemas.topics;

import io.dealerpulse.schemas.EventType;
import java.time.Duration;
import java.util.Map;

/**
 * The one definition of every Kafka topic: name, record type, key, partitions, retention and
 * cleanup. {@link TopicProvisioner} creates topics from it and {@code docs/topics.md} is generated
 * from it (a test keeps the two equal).
 *
 * <p>Raw input topics keep 400 days so a year can be reprocessed. The registry is compacted on
 * (site id, effective_from), so compaction never drops a version.
 */
public enum Topic {
    FOOTFALL("dealerpulse.footfall.v1", EventType.FOOTFALL, 12, Keys.SITE_ID, Duration.ofDays(400), false,
            "Door counter deltas from the edge agents."),
    KIOSK("dealerpulse.kiosk.v1", EventType.KIOSK, 12, Keys.SITE_ID, Duration.ofDays(400), false,
            "Reception kiosk events from the edge agents (pseudonymised)."),
    APPOINTMENTS("dealerpulse.appointments.v1", EventType.APPOINTMENT, 6, Keys.SITE_ID, Duration.ofDays(400), false,
            "Appointment actions from the booking-system importer."),
    SURVEYS("dealerpulse.surveys.v1", EventType.SURVEY, 6, Keys.SITE_ID, Duration.ofDays(400), false,
            "Satisfaction survey answers from the survey importer."),
    SITE_REGISTRY("dealerpulse.site-registry.v1", EventType.SITE_REGISTRY, 3, Keys.SITE_AND_EFFECTIVE_FROM, null, true,
            "Site registry versions; compacted, every version kept."),
    AGENT_STATUS("dealerpulse.agent-status.v1", EventType.AGENT_STATUS, 6, Keys.SITE_ID, Duration.ofDays(400), false,
            "Edge agent heartbeats; broker LogAppendTime gives the clock offset."),
    DEAD_LETTER("dealerpulse.dead-letter.v1", EventType.DEAD_LETTER, 3, Keys.SITE_ID, Duration.ofDays(400), false,
            "Inputs that could not be used, with payload (kiosk redacted) and reason."),
    LATE_EVENTS("dealerpulse.late-events.v1", EventType.DEAD_LETTER, 3, Keys.SITE_ID, Duration.ofDays(400), false,
            "Events that arrived beyond the allowed lateness, with the reason.");

    /** How records on a topic are keyed. */
    public enum Keys {
        SITE_ID("site id"),
        SITE_AND_EFFECTIVE_FROM("site id + '@' + effective_from (epoch ms)");

        private final String description;

        Keys(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final String topicName;
    private final EventType valueType;
    private final int partitions;
    private final Keys key;
    private final Duration retention;
    private final boolean compacted;
    private final String purpose;

    Topic(String topicName, EventType valueType, int partitions, Keys key, Duration retention, boolean compacted,
            String purpose) {
        this.topicName = topicName;
        this.valueType = valueType;
        this.partitions = partitions;
        this.key = key;
        this.retention = retention;
        this.compacted = compacted;
        this.purpose = purpose;
    }

    public String topicName() {
        return topicName;
    }

    public EventType valueType() {
        return valueType;
    }

    public int partitions() {
        return partitions;
    }

    public Keys key() {
        return key;
    }

    public boolean compacted() {
        return compacted;
    }

    public String purpose() {
        return purpose;
    }

    /** Kafka topic-level configs, as passed to the admin client at creation. */
    public Map<String, String> configs() {
        if (compacted) {
            return Map.of("cleanup.policy", "compact", "retention.ms", "-1");
        }
        Map<String, String> configs = new java.util.LinkedHashMap<>();
        configs.put("cleanup.policy", "delete");
        configs.put("retention.ms", Long.toString(retention.toMillis()));
        if (this == AGENT_STATUS) {
            // The agent measures its clock offset against the broker's append time of its heartbeats.
            configs.put("message.timestamp.type", "LogAppendTime");
        }
        return Map.copyOf(configs);
    }

    /** Record key of a registry version: compaction keeps one record per (site, effective_from). */
    public static String registryKey(String siteId, long effectiveFromMillis) {
        return siteId + "@" + effectiveFromMillis;
    }

    /** The topic table as Markdown, the body of {@code docs/topics.md}. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder();
        table.append("| topic | value (Avro) | key | partitions | retention | cleanup | purpose |\n");
        table.append("|---|---|---|---|---|---|---|\n");
        for (Topic topic : values()) {
            table.append("| `").append(topic.topicName).append("` | `")
                    .append(topic.valueType.schema().getName()).append("` | ")
                    .append(topic.key.description()).append(" | ")
                    .append(topic.partitions).append(" | ")
                    .append(topic.compacted ? "forever (compacted)" : topic.retention.toDays() + " days").append(" | ")
                    .append(topic.compacted ? "compact" : "delete").append(" | ")
                    .append(topic.purpose).append(" |\n");
        }
        return table.toString();
    }
}
