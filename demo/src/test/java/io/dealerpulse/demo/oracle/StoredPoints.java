package io.dealerpulse.demo.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealerpulse.demo.servers.LocalInfluxd;
import io.dealerpulse.jobs.it.InfluxJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads what the demo's job wrote back from InfluxDB with InfluxQL, as a dashboard would. */
public final class StoredPoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A point as stored: time, tags, and the field values as InfluxDB's JSON gives them. */
    public record Point(Instant time, SortedMap<String, String> tags, SortedMap<String, Object> fields) {}

    private final String influxUrl;
    private final String database;

    public StoredPoints(String influxUrl, String database) {
        this.influxUrl = influxUrl;
        this.database = database;
    }

    /** Every point of a measurement (optionally restricted by a WHERE clause), with its tags. */
    public List<Point> points(String measurement, String where) {
        List<Point> points = new ArrayList<>();
        for (JsonNode series : series("SELECT * FROM \"" + measurement + "\"" + (where == null ? "" : " WHERE " + where)
                + " GROUP BY *")) {
            SortedMap<String, String> tags = InfluxJson.tags(series);
            List<String> columns = InfluxJson.columns(series);
            for (JsonNode row : series.path("values")) {
                SortedMap<String, Object> fields = new TreeMap<>();
                for (int c = 1; c < columns.size(); c++) {
                    Object value = InfluxJson.value(row.get(c));
                    if (value != null) {
                        fields.put(columns.get(c), value);
                    }
                }
                points.add(new Point(Instant.parse(row.get(0).asText()), tags, fields));
            }
        }
        return points;
    }

    /** Number of points of a measurement per site (those with the given field). */
    public Map<String, Long> countPerSite(String measurement, String field, String where) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode series : series("SELECT count(\"" + field + "\") FROM \"" + measurement + "\""
                + (where == null ? "" : " WHERE " + where) + " GROUP BY site")) {
            counts.put(InfluxJson.tags(series).get("site"), series.path("values").get(0).get(1).asLong());
        }
        return counts;
    }

    /**
     * The newest accounting of every (stream, site), summed over sites: stream → field → total, for
     * {@code received} and every bucket.
     */
    public Map<String, Map<String, Long>> accountingPerStream() {
        Map<String, Map<String, Long>> totals = new TreeMap<>();
        for (JsonNode series : series("SELECT * FROM stream_accounting GROUP BY * ORDER BY time DESC LIMIT 1")) {
            List<String> columns = InfluxJson.columns(series);
            JsonNode row = series.path("values").get(0);
            Map<String, Long> stream = totals.computeIfAbsent(InfluxJson.tags(series).get("stream"), s -> new TreeMap<>());
            for (int c = 1; c < columns.size(); c++) {
                if (row.get(c).isIntegralNumber()) {
                    stream.merge(columns.get(c), row.get(c).asLong(), Long::sum);
                }
            }
        }
        return totals;
    }

    private List<JsonNode> series(String influxql) {
        try {
            JsonNode answer = JSON.readTree(LocalInfluxd.query(influxUrl, database, influxql));
            List<JsonNode> all = new ArrayList<>();
            for (JsonNode result : answer.path("results")) {
                if (result.has("error")) {
                    throw new IllegalStateException("InfluxDB: " + result.get("error").asText() + " for " + influxql);
                }
                result.path("series").forEach(all::add);
            }
            return all;
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("could not query InfluxDB at " + influxUrl + ": " + influxql, e);
        }
    }
}
