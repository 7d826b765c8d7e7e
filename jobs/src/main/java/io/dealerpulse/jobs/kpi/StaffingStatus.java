package io.dealerpulse.jobs.kpi;

/**
 * A window's status against the site's target band (visitors per staff member per window, bounds
 * inclusive, unrounded): below min → over-staffed, above max → under-staffed, else ok. Visitors and
 * no staff → under-staffed and unstaffed (no ratio); neither visitors nor staff → idle (no ratio).
 */
public enum StaffingStatus {
    UNDER_STAFFED("under_staffed"),
    OK("ok"),
    OVER_STAFFED("over_staffed"),
    IDLE("idle");

    private final String code;

    StaffingStatus(String code) {
        this.code = code;
    }

    /** The value written to InfluxDB. */
    public String code() {
        return code;
    }

    /** Status, ratio and unstaffed flag of a window. */
    public record Assessment(StaffingStatus status, boolean ratioValid, double ratio, boolean unstaffed) {}

    public static Assessment assess(long visitors, double staffOnDuty, double targetMin, double targetMax) {
        if (staffOnDuty <= 0) {
            return visitors > 0
                    ? new Assessment(UNDER_STAFFED, false, 0.0, true)
                    : new Assessment(IDLE, false, 0.0, false);
        }
        double ratio = visitors / staffOnDuty;
        StaffingStatus status = ratio < targetMin ? OVER_STAFFED : ratio > targetMax ? UNDER_STAFFED : OK;
        return new Assessment(status, true, ratio, false);
    }
}
