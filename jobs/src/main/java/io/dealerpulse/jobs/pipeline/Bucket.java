package io.dealerpulse.jobs.pipeline;

/**
 * Where an input event ends up (DESIGN.md "Accounting"): every received event is in exactly one
 * bucket at any time. {@link #PENDING} events move to {@link #AGGREGATED} when the local day they
 * apply to closes on the site clock (or to {@link #DEAD_LETTERED} / their final bucket after an
 * unknown-site hold).
 */
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

    /** InfluxDB field name in {@code stream_accounting}. */
    public String field() {
        return field;
    }
}
