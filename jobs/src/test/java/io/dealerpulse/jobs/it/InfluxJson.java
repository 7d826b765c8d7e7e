package io.dealerpulse.jobs.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.testkit.InfluxEndpoint;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The InfluxQL JSON answer taken apart: series, their tags and columns, and row values as Java
 * values. Shared by the readbacks of every scenario IT (staffing here, score in its own package),
 * which only differ in the queries they ask and the shapes they return.
 */
public final class InfluxJson {
    private InfluxJson() {}

    /** Every series of every result of one query. */
    public static List<JsonNode> series(InfluxEndpoint influx, String database, String influxql) {
        JsonNode answer = influx.query(database, influxql);
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            result.path("series").forEach(all::add);
        }
        return all;
    }

    /** Field name → InfluxDB type (integer, float, boolean, string), from {@code SHOW FIELD KEYS FROM <from>}. */
    public static Map<String, String> fieldTypes(InfluxEndpoint influx, String database, String from) {
        Map<String, String> types = new TreeMap<>();
        for (JsonNode series : series(influx, database, "SHOW FIELD KEYS FROM " + from)) {
            for (JsonNode row : series.path("values")) {
                types.put(row.get(0).asText(), row.get(1).asText());
            }
        }
        return types;
    }

    public static SortedMap<String, String> tags(JsonNode series) {
        SortedMap<String, String> tags = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = series.path("tags").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> tag = entries.next();
            tags.put(tag.getKey(), tag.getValue().asText());
        }
        return tags;
    }

    public static List<String> columns(JsonNode series) {
        List<String> columns = new ArrayList<>();
        series.path("columns").forEach(c -> columns.add(c.asText()));
        return columns;
    }

    /** A cell as JSON gave it: null, Boolean, String, Long for integral numbers, else Double. */
    public static Object value(JsonNode node) {
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
