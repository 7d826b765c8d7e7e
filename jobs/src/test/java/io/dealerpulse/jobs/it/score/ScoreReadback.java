package io.dealerpulse.jobs.it.score;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.testkit.InfluxEndpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads the score measurements back with InfluxQL, as a dashboard would. */
final class ScoreReadback {
    private final InfluxEndpoint influx;
    private final String database;

    ScoreReadback(InfluxEndpoint influx, String database) {
        this.influx = influx;
        this.database = database;
    }

    /** Every point of a measurement (optionally restricted by a WHERE clause), with its tags. */
    List<StoredPoint> points(String measurement, String where) {
        List<StoredPoint> points = new ArrayList<>();
        String query = "SELECT * FROM \"" + measurement + "\"" + (where == null ? "" : " WHERE " + where) + " GROUP BY *";
        for (JsonNode series : series(query)) {
            SortedMap<String, String> tags = tags(series);
            List<String> columns = new ArrayList<>();
            series.path("columns").forEach(c -> columns.add(c.asText()));
            for (JsonNode row : series.path("values")) {
                SortedMap<String, Object> fields = new TreeMap<>();
                for (int c = 1; c < columns.size(); c++) {
                    Object value = value(row.get(c));
                    if (value != null) {
                        fields.put(columns.get(c), value);
                    }
                }
                points.add(new StoredPoint(Instant.parse(row.get(0).asText()), tags, fields));
            }
        }
        return points;
    }

    /** Number of points of a measurement that have this field. */
    long count(String measurement, String field) {
        long total = 0;
        for (JsonNode series : series("SELECT count(\"" + field + "\") FROM \"" + measurement + "\"")) {
            total += series.path("values").get(0).get(1).asLong();
        }
        return total;
    }

    /** Sum over sites of the newest {@code received} of each stream's accounting series: stream → total. */
    Map<String, Long> receivedPerStream() {
        Map<String, Long> totals = new TreeMap<>();
        for (JsonNode series : series("SELECT received FROM stream_accounting GROUP BY * ORDER BY time DESC LIMIT 1")) {
            JsonNode row = series.path("values").get(0);
            totals.merge(tags(series).get("stream"), row.get(1).asLong(), Long::sum);
        }
        return totals;
    }

    /** Field name → InfluxDB type (integer, float, boolean, string) of a measurement. */
    Map<String, String> fieldTypes(String measurement) {
        Map<String, String> types = new TreeMap<>();
        for (JsonNode series : series("SHOW FIELD KEYS FROM \"" + measurement + "\"")) {
            for (JsonNode row : series.path("values")) {
                types.put(row.get(0).asText(), row.get(1).asText());
            }
        }
        return types;
    }

    private List<JsonNode> series(String influxql) {
        JsonNode answer = influx.query(database, influxql);
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            result.path("series").forEach(all::add);
        }
        return all;
    }

    private static SortedMap<String, String> tags(JsonNode series) {
        SortedMap<String, String> tags = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = series.path("tags").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> tag = entries.next();
            tags.put(tag.getKey(), tag.getValue().asText());
        }
        return tags;
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        return node.asDouble();
    }
}
