package io.dealerpulse.jobs.oracle.score;

import java.time.Instant;
import java.util.SortedMap;

/**
 * One expected InfluxDB point: measurement, time (UTC), tags, and every field with the contract's
 * Java type ({@code Long} integer, {@code Double} float, {@code Boolean}, {@code String}).
 */
public record ExpectedPoint(String measurement, Instant time, SortedMap<String, String> tags,
        SortedMap<String, Object> fields) {

    /** Identity of the point in InfluxDB: series (tags) + timestamp. */
    public String key() {
        return measurement + " " + tags + " " + time;
    }
}
