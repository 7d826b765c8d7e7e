package io.dealerpulse.jobs.sink;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One InfluxDB point as the pipeline emits it: measurement, tags, typed fields and a deterministic
 * timestamp (epoch ms). Fields are kept in one map per type so every field has one fixed type and
 * Flink serializes the point as a POJO (no Kryo). Writing the same point twice overwrites it.
 *
 * <p>A <em>tombstone</em> ({@link #tombstoneOf}) carries only measurement, tags, time and database:
 * the writer deletes that series' point at that time instead of writing one (e.g. a window a late
 * registry version closed, or whose tags it changed). Deleting twice is harmless.
 */
public class InfluxPoint {
    private String measurement;
    private long timestampMillis;
    private Map<String, String> tags = new TreeMap<>();
    private Map<String, Long> longFields = new TreeMap<>();
    private Map<String, Double> doubleFields = new TreeMap<>();
    private Map<String, Boolean> booleanFields = new TreeMap<>();
    private Map<String, String> stringFields = new TreeMap<>();
    /** Target database; null = the sink's configured database (investor groups get their own). */
    private String database;
    /** True: delete the point of this series at this time instead of writing it. */
    private boolean tombstone;

    /** For Flink's POJO serializer. */
    public InfluxPoint() {}

    public static InfluxPoint of(String measurement, long timestampMillis) {
        InfluxPoint point = new InfluxPoint();
        point.measurement = measurement;
        point.timestampMillis = timestampMillis;
        return point;
    }

    /** A tombstone of {@code point}'s series point: same measurement, tags, timestamp and database, no fields. */
    public static InfluxPoint tombstoneOf(InfluxPoint point) {
        InfluxPoint tombstone = of(point.measurement, point.timestampMillis);
        tombstone.tags = new TreeMap<>(point.tags);
        tombstone.database = point.database;
        tombstone.tombstone = true;
        return tombstone;
    }

    public boolean isTombstone() {
        return tombstone;
    }

    public void setTombstone(boolean tombstone) {
        this.tombstone = tombstone;
    }

    public InfluxPoint tag(String key, String value) {
        tags.put(key, value);
        return this;
    }

    public InfluxPoint field(String key, long value) {
        longFields.put(key, value);
        return this;
    }

    public InfluxPoint field(String key, double value) {
        doubleFields.put(key, value);
        return this;
    }

    public InfluxPoint field(String key, boolean value) {
        booleanFields.put(key, value);
        return this;
    }

    public InfluxPoint field(String key, String value) {
        stringFields.put(key, value);
        return this;
    }

    /**
     * Routes this point to {@code database} instead of the sink's default one, e.g. an investor group's
     * isolated database. Not a tag: it does not change the series.
     */
    public InfluxPoint database(String database) {
        this.database = database;
        return this;
    }

    public String getDatabase() {
        return database;
    }

    public void setDatabase(String database) {
        this.database = database;
    }

    public String getMeasurement() {
        return measurement;
    }

    public void setMeasurement(String measurement) {
        this.measurement = measurement;
    }

    public long getTimestampMillis() {
        return timestampMillis;
    }

    public void setTimestampMillis(long timestampMillis) {
        this.timestampMillis = timestampMillis;
    }

    public Map<String, String> getTags() {
        return tags;
    }

    public void setTags(Map<String, String> tags) {
        this.tags = tags;
    }

    public Map<String, Long> getLongFields() {
        return longFields;
    }

    public void setLongFields(Map<String, Long> longFields) {
        this.longFields = longFields;
    }

    public Map<String, Double> getDoubleFields() {
        return doubleFields;
    }

    public void setDoubleFields(Map<String, Double> doubleFields) {
        this.doubleFields = doubleFields;
    }

    public Map<String, Boolean> getBooleanFields() {
        return booleanFields;
    }

    public void setBooleanFields(Map<String, Boolean> booleanFields) {
        this.booleanFields = booleanFields;
    }

    public Map<String, String> getStringFields() {
        return stringFields;
    }

    public void setStringFields(Map<String, String> stringFields) {
        this.stringFields = stringFields;
    }

    /** Identity of the series point: writing another point with the same key replaces this one. */
    public String seriesKey() {
        return measurement + tags + "@" + timestampMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof InfluxPoint other)) {
            return false;
        }
        return timestampMillis == other.timestampMillis && tombstone == other.tombstone && Objects.equals(measurement, other.measurement)
                && Objects.equals(tags, other.tags) && Objects.equals(longFields, other.longFields)
                && Objects.equals(doubleFields, other.doubleFields) && Objects.equals(booleanFields, other.booleanFields)
                && Objects.equals(stringFields, other.stringFields) && Objects.equals(database, other.database);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tombstone, measurement, timestampMillis, tags, longFields, doubleFields, booleanFields, stringFields,
                database);
    }

    @Override
    public String toString() {
        return (tombstone ? "DELETE " : "") + measurement + tags + " long=" + longFields + " double=" + doubleFields + " bool=" + booleanFields
                + " string=" + stringFields + " @" + timestampMillis + (database == null ? "" : " db=" + database);
    }
}
