package io.dealerpulse.reliability.harness;

import io.dealerpulse.testkit.InfluxEndpoint;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an InfluxDB 1.x server holds, as the raw bytes of its HTTP answers: per database
 * {@code SHOW SERIES} (every series key: measurement and tags), {@code SHOW FIELD KEYS}, and
 * {@code SELECT * ... GROUP BY *} of every measurement (every point, tags and fields).
 */
public final class InfluxDump {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private InfluxDump() {}

    /** "database: statement" → the raw answer body. */
    public static Map<String, byte[]> all(InfluxEndpoint influx) {
        Map<String, byte[]> answers = new LinkedHashMap<>();
        for (String db : column(influx, "", "SHOW DATABASES")) {
            if (db.equals("_internal")) {
                continue; // the server's own monitoring statistics
            }
            answers.put(db + ": SHOW SERIES", raw(influx, db, "SHOW SERIES"));
            answers.put(db + ": SHOW FIELD KEYS", raw(influx, db, "SHOW FIELD KEYS"));
            for (String measurement : column(influx, db, "SHOW MEASUREMENTS")) {
                String select = "SELECT * FROM \"" + measurement.replace("\"", "\\\"") + "\" GROUP BY *";
                answers.put(db + ": " + select, raw(influx, db, select));
            }
        }
        return answers;
    }

    private static List<String> column(InfluxEndpoint influx, String db, String statement) {
        List<String> values = new ArrayList<>();
        influx.query(db, statement).path("results").path(0).path("series").forEach(series ->
                series.path("values").forEach(row -> values.add(row.get(0).asText())));
        return values;
    }

    private static byte[] raw(InfluxEndpoint influx, String db, String statement) {
        String uri = influx.url() + "/query?db=" + URLEncoder.encode(db, StandardCharsets.UTF_8) + "&q="
                + URLEncoder.encode(statement, StandardCharsets.UTF_8);
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(statement + " on " + db + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot query " + influx.url() + " (" + statement + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
