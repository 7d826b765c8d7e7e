package io.dealerpulse.jobs.oracle;

import java.time.Duration;
import java.util.Objects;

/** The two time settings the expected output depends on (contract "Clock, lateness, as-of"). */
public record OracleOptions(Duration outOfOrderness, Duration allowedLateness) {
    public static final OracleOptions DEFAULTS = new OracleOptions(Duration.ofMinutes(2), Duration.ofHours(24));

    public OracleOptions {
        Objects.requireNonNull(outOfOrderness, "outOfOrderness");
        Objects.requireNonNull(allowedLateness, "allowedLateness");
        if (outOfOrderness.isNegative() || allowedLateness.isNegative()) {
            throw new IllegalArgumentException("out-of-orderness and allowed lateness must be >= 0, got "
                    + outOfOrderness + " and " + allowedLateness);
        }
    }
}
