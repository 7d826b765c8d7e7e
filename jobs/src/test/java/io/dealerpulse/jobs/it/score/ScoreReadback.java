package io.dealerpulse.jobs.it.score;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealerpulse.jobs.it.InfluxJson;
import io.dealerpulse.testkit.InfluxEndpoint;
import io.dealerpulse.jobs.oracle.score.ScoreOracle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/** Reads the score measurements back with InfluxQL, as a dashboard would. */
final class ScoreReadback {
    private final InfluxEndpoint influx;
    private final String database;

    ScoreReadback(InfluxEndpoint influx, String database) {
        this.influx = influx;
        this.database = database;
    }

    /**
     * Waits until the job's stream_accounting shows every published record of every stream as
     * received; after {@code timeout} fails naming {@code phase} and what was seen.
     */
    void awaitRead(Map<String, Long> published, Duration timeout, String phase) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> received = Map.of();
        while (System.nanoTime() < deadline) {
            received = receivedPerStream();
            Map<String, Long> seen = received;
            if (published.entrySet().stream().allMatch(e -> seen.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(phase + ": after " + timeout + " the job's stream_accounting shows received "
                + received + ", published " + published + " - is the job running and writing stream_accounting?");
    }

    /**
     * Waits (at most {@code timeout}) until the minute points stopped changing for 5 s and
     * {@code done} holds for (minute points, daily comparisons) counted.
     */
    void awaitSettled(Duration timeout, BiPredicate<Long, Long> done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long previous = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long minutes = count(ScoreOracle.SITE_SCORE, "score_valid");
            if (minutes != previous) {
                previous = minutes;
                stableSince = System.nanoTime();
            }
            if (System.nanoTime() - stableSince > Duration.ofSeconds(5).toNanos()
                    && done.test(minutes, count(ScoreOracle.COMPARISON_DAILY, "mean_score"))) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /** Every point of a measurement (optionally restricted by a WHERE clause), with its tags. */
    List<StoredPoint> points(String measurement, String where) {
        List<StoredPoint> points = new ArrayList<>();
        String query = "SELECT * FROM \"" + measurement + "\"" + (where == null ? "" : " WHERE " + where) + " GROUP BY *";
        for (JsonNode series : series(query)) {
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
            totals.merge(InfluxJson.tags(series).get("stream"), row.get(1).asLong(), Long::sum);
        }
        return totals;
    }

    /** Field name → InfluxDB type (integer, float, boolean, string) of a measurement. */
    Map<String, String> fieldTypes(String measurement) {
        return InfluxJson.fieldTypes(influx, database, "\"" + measurement + "\"");
    }

    private List<JsonNode> series(String influxql) {
        return InfluxJson.series(influx, database, influxql);
    }
}
