package io.dealerpulse.jobs.it;

import java.time.Instant;
import java.util.SortedMap;

/** A {@code staffing_window} point as read back from InfluxDB: time, tags and the raw field values. */
record StoredWindow(Instant time, SortedMap<String, String> tags, SortedMap<String, Object> fields) {
    String key() {
        return tags.get("site") + " " + time;
    }
}
