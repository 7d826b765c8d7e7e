package io.dealerpulse.jobs.pipeline;

/** The six input streams, with the name used in dead letters and in the accounting's {@code stream} tag. */
public enum SourceStream {
    FOOTFALL("footfall", true),
    KIOSK("kiosk", true),
    APPOINTMENT("appointment", false),
    SURVEY("survey", false),
    REGISTRY("registry", false),
    AGENT_STATUS("agent-status", true);

    private final String code;
    private final boolean movesSiteClock;

    SourceStream(String code, boolean movesSiteClock) {
        this.code = code;
        this.movesSiteClock = movesSiteClock;
    }

    /** The stream with this {@link #code()}. */
    public static SourceStream ofCode(String code) {
        for (SourceStream stream : values()) {
            if (stream.code.equals(code)) {
                return stream;
            }
        }
        throw new IllegalArgumentException("unknown stream '" + code + "'; known: footfall, kiosk, appointment, "
                + "survey, registry, agent-status");
    }

    public String code() {
        return code;
    }

    /** Only the site's agent streams (its devices and heartbeats) advance the site clock. */
    public boolean movesSiteClock() {
        return movesSiteClock;
    }
}
