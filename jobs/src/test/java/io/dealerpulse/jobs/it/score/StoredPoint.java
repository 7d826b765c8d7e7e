package io.dealerpulse.jobs.it.score;

import java.time.Instant;
import java.util.SortedMap;

/** A point as read back from InfluxDB: time, tags and the raw field values (numbers as JSON gave them). */
record StoredPoint(Instant time, SortedMap<String, String> tags, SortedMap<String, Object> fields) {}
