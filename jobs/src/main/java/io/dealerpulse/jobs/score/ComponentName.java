package io.dealerpulse.jobs.score;

/** The five score components of DESIGN.md "Score components", with their InfluxDB field names. */
public enum ComponentName {
    SATISFACTION("satisfaction"),
    WAITING("waiting"),
    STAFFING("staffing"),
    APPOINTMENTS("appointments"),
    FEEDBACK("feedback");

    private final String field;

    ComponentName(String field) {
        this.field = field;
    }

    /** The field name written to InfluxDB ({@code waiting}, {@code waiting_valid}, {@code waiting_n}). */
    public String field() {
        return field;
    }
}
