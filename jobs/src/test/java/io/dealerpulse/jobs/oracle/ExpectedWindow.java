package io.dealerpulse.jobs.oracle;

import java.time.Instant;
import java.util.SortedMap;

/**
 * One expected {@code staffing_window} point: time = window start (UTC), tags, and every field with
 * the contract's Java type ({@code Long} integer, {@code Double} float, {@code Boolean}, {@code String}).
 */
public record ExpectedWindow(Instant time, SortedMap<String, String> tags, SortedMap<String, Object> fields) {
    public String site() {
        return tags.get("site");
    }

    /** Identity of the point in InfluxDB: series (tags) + timestamp. */
    public String key() {
        return tags.get("site") + " " + time + " (" + tags.get("local_date") + " " + tags.get("local_hour") + "h)";
    }
}
