package io.dealerpulse.jobs.oracle;

/** The accounting buckets of DESIGN.md; every received record lands in exactly one. */
public enum Bucket {
    AGGREGATED("aggregated"),
    CORRECTED_LATE("corrected_late"),
    TOO_LATE("too_late"),
    DEAD_LETTERED("dead_lettered"),
    DUPLICATE("duplicate"),
    OUTSIDE_OPENING_HOURS("outside_opening_hours"),
    PENDING("pending");

    private final String field;

    Bucket(String field) {
        this.field = field;
    }

    /** Field name in the {@code stream_accounting} measurement. */
    public String field() {
        return field;
    }
}
