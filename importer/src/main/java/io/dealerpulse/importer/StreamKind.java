package io.dealerpulse.importer;

import io.dealerpulse.schemas.topics.Topic;
import java.util.Locale;
import java.util.Optional;

/** The streams the tool imports: the command name, the dead letters' stream name, the topic, the default source. */
public enum StreamKind {
    REGISTRY("registry", "registry", Topic.SITE_REGISTRY, "registry-file"),
    APPOINTMENTS("appointments", "appointment", Topic.APPOINTMENTS, "booking-system"),
    SURVEYS("surveys", "survey", Topic.SURVEYS, "survey-tool");

    private final String command;
    private final String deadLetterStream;
    private final Topic topic;
    private final String defaultSource;

    StreamKind(String command, String deadLetterStream, Topic topic, String defaultSource) {
        this.command = command;
        this.deadLetterStream = deadLetterStream;
        this.topic = topic;
        this.defaultSource = defaultSource;
    }

    public String command() {
        return command;
    }

    /** The {@code stream} field of this stream's dead letters (DeadLetter.avsc). */
    public String deadLetterStream() {
        return deadLetterStream;
    }

    public Topic topic() {
        return topic;
    }

    /**
     * Source name used when --source is not given. It is part of every event id, so it names the
     * exporting system rather than the file: the same export saved under another name keeps its ids.
     */
    public String defaultSource() {
        return defaultSource;
    }

    public static Optional<StreamKind> ofCommand(String command) {
        for (StreamKind kind : values()) {
            if (kind.command.equals(command.toLowerCase(Locale.ROOT))) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
