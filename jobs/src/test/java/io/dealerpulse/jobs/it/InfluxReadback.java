package io.dealerpulse.jobs.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.testkit.InfluxEndpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads the job's measurements back with InfluxQL, as a dashboard would. */
final class InfluxReadback {
    private final InfluxEndpoint influx;
    private final String database;

    InfluxReadback(InfluxEndpoint influx, String database) {
        this.influx = influx;
        this.database = database;
    }

    /** Every point of {@code staffing_window}, keyed by "site time". Numbers stay as JSON gave them. */
    Map<String, StoredWindow> staffingWindows() {
        Map<String, StoredWindow> points = new TreeMap<>();
        for (JsonNode series : series("SELECT * FROM staffing_window GROUP BY *")) {
            SortedMap<String, String> tags = InfluxJson.tags(series);
            List<String> columns = InfluxJson.columns(series);
            for (JsonNode row : series.path("values")) {
                SortedMap<String, Object> fields = new TreeMap<>();
                for (int c = 1; c < columns.size(); c++) {
                    fields.put(columns.get(c), InfluxJson.value(row.get(c)));
                }
                StoredWindow point = new StoredWindow(Instant.parse(row.get(0).asText()), tags, fields);
                points.put(point.key(), point);
            }
        }
        return points;
    }

    /** The newest {@code stream_accounting} point of every (stream, site) series: stream → site → field → value. */
    Map<String, Map<String, Map<String, Long>>> latestAccounting() {
        Map<String, Map<String, Map<String, Long>>> totals = new TreeMap<>();
        for (JsonNode series : series("SELECT * FROM stream_accounting GROUP BY * ORDER BY time DESC LIMIT 1")) {
            SortedMap<String, String> tags = InfluxJson.tags(series);
            List<String> columns = InfluxJson.columns(series);
            JsonNode row = series.path("values").get(0);
            Map<String, Long> fields = new TreeMap<>();
            for (int c = 1; c < columns.size(); c++) {
                if (!row.get(c).isNull()) {
                    fields.put(columns.get(c), row.get(c).asLong());
                }
            }
            totals.computeIfAbsent(tags.get("stream"), s -> new TreeMap<>()).put(tags.get("site"), fields);
        }
        return totals;
    }

    /** The largest {@code received} any point of each (stream, site) series holds: stream → site → value. */
    Map<String, Map<String, Long>> maxReceived() {
        Map<String, Map<String, Long>> max = new TreeMap<>();
        for (JsonNode series : series("SELECT max(received) FROM stream_accounting GROUP BY *")) {
            SortedMap<String, String> tags = InfluxJson.tags(series);
            max.computeIfAbsent(tags.get("stream"), s -> new TreeMap<>())
                    .put(tags.get("site"), series.path("values").get(0).get(1).asLong());
        }
        return max;
    }

    /** Field name → InfluxDB type (integer, float, boolean, string) of a measurement. */
    Map<String, String> fieldTypes(String measurement) {
        return InfluxJson.fieldTypes(influx, database, measurement);
    }

    private List<JsonNode> series(String influxql) {
        return InfluxJson.series(influx, database, influxql);
    }
}
