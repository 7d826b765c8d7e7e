package io.dealerpulse.jobs.score;

/** Direction of a site's daily scores: the last 7 completed days against the 7 before. */
public enum Trend {
    IMPROVING("improving"),
    STABLE("stable"),
    DECLINING("declining"),
    INSUFFICIENT_DATA("insufficient_data");

    private final String code;

    Trend(String code) {
        this.code = code;
    }

    /** The value written to InfluxDB. */
    public String code() {
        return code;
    }
}
