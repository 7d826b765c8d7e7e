package io.dealerpulse.dashboards.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An InfluxDB /query answer as series of rows, with each row's values by column name. */
public final class InfluxRows {
    /** One row of a series: its time, the series' tags and the row's columns. */
    public record Row(Instant time, Map<String, String> tags, Map<String, JsonNode> values) {
        public String str(String column) {
            JsonNode v = values.get(column);
            if (v != null && !v.isNull()) {
                return v.asText();
            }
            return tags.get(column);
        }

        public double num(String column) {
            JsonNode v = values.get(column);
            if (v == null || v.isNull()) {
                throw new IllegalStateException("no value for " + column + " in " + values);
            }
            return v.asDouble();
        }

        public boolean bool(String column) {
            return values.get(column).asBoolean();
        }

        public boolean isNull(String column) {
            JsonNode v = values.get(column);
            return v == null || v.isNull();
        }
    }

    /** A series: its tags (empty without GROUP BY tags) and rows in time order. */
    public record Series(Map<String, String> tags, List<Row> rows) {}

    private InfluxRows() {}

    /** Every series of the first statement's answer; none when InfluxDB answered no series. */
    public static List<Series> series(JsonNode answer) {
        List<Series> result = new ArrayList<>();
        for (JsonNode s : answer.path("results").path(0).path("series")) {
            Map<String, String> tags = new TreeMap<>();
            s.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            List<String> columns = new ArrayList<>();
            s.path("columns").forEach(c -> columns.add(c.asText()));
            List<Row> rows = new ArrayList<>();
            for (JsonNode values : s.path("values")) {
                Map<String, JsonNode> byColumn = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    byColumn.put(columns.get(i), values.get(i));
                }
                Instant time = columns.get(0).equals("time") ? Instant.parse(values.get(0).asText()) : null; // SHOW has no time
                rows.add(new Row(time, tags, byColumn));
            }
            result.add(new Series(tags, rows));
        }
        return result;
    }

    /** All rows of all series. */
    public static List<Row> rows(JsonNode answer) {
        List<Row> rows = new ArrayList<>();
        series(answer).forEach(s -> rows.addAll(s.rows()));
        return rows;
    }
}
