package io.dealerpulse.dashboards.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dealerpulse.dashboards.it.InfluxRows.Row;
import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.jobs.oracle.OracleOptions;
import io.dealerpulse.jobs.oracle.score.ExpectedPoint;
import io.dealerpulse.jobs.oracle.score.ScoreOracle;
import io.dealerpulse.jobs.oracle.score.ScoreOracleResult;
import io.dealerpulse.jobs.oracle.score.ScoreOracleResult.ExpectedMinute;
import io.dealerpulse.jobs.oracle.score.ScoreSettings;
import io.dealerpulse.jobs.oracle.score.SiteScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The score points the pipeline run must have written, computed by the jobs' independent score
 * oracle (jobs test-jar, {@code io.dealerpulse.jobs.oracle.score}) from exactly the records the job
 * read, in the order it read them: every live minute the site clocks passed plus each site's current
 * minute (the next whole minute after its final clock, as of every record read), daily scores, tier
 * changes, daily comparisons and ranks. As {@link Row}s, so the panel oracles treat them like the
 * raw points of the measurements the tests read back.
 */
final class ScoreExpectations {
    private final Map<String, List<Row>> byMeasurement = new LinkedHashMap<>();
    private final Map<String, Row> latestReached = new TreeMap<>();

    private ScoreExpectations() {}

    static ScoreExpectations of(List<Arrival> arrivals) {
        ScoreOracle oracle = ScoreOracle.of(arrivals, OracleOptions.DEFAULTS, ScoreSettings.DEFAULTS);
        ScoreOracleResult result = oracle.result();
        ScoreExpectations e = new ScoreExpectations();
        List<ExpectedPoint> live = new ArrayList<>();
        Map<String, ExpectedMinute> lastMinute = new TreeMap<>();
        for (ExpectedMinute m : result.minutes()) {
            live.add(m.toPoint());
            lastMinute.merge(m.site(), m, (a, b) -> a.time().isAfter(b.time()) ? a : b);
        }
        result.finalClocks().forEach((site, clock) -> {
            Instant current = Instant.ofEpochMilli(Math.floorDiv(clock.toEpochMilli(), 60_000L) * 60_000L + 60_000L);
            SiteScore score = oracle.liveScore(site, current);
            ExpectedMinute before = lastMinute.get(site);
            if (score != null && before != null) {
                live.add(new ExpectedPoint(ScoreOracle.SITE_SCORE, current, before.tags(), score.fields()));
            }
        });
        e.put(ScoreOracle.SITE_SCORE, live);
        List<ExpectedPoint> reached = new ArrayList<>();
        lastMinute.values().forEach(m -> reached.add(m.toPoint()));
        e.put("site_score_reached", reached);
        e.byMeasurement.remove("site_score_reached").forEach(r -> e.latestReached.put(r.str("site"), r));
        e.put(ScoreOracle.SITE_SCORE_DAILY, result.daily());
        e.put(ScoreOracle.TIER_CHANGE, result.tierChanges());
        e.put(ScoreOracle.COMPARISON_DAILY, result.comparisons());
        e.put(ScoreOracle.SITE_RANK_DAILY, result.ranks());
        return e;
    }

    private void put(String measurement, List<ExpectedPoint> points) {
        List<Row> rows = new ArrayList<>();
        for (ExpectedPoint p : points) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            p.fields().forEach((k, v) -> values.put(k, json(v)));
            rows.add(new Row(p.time(), p.tags(), values));
        }
        rows.sort(Comparator.comparing(Row::time));
        byMeasurement.put(measurement, List.copyOf(rows));
    }

    /**
     * Per site, the live score at the last minute (or window end) its clock reached: what the score
     * topology sends to the live comparisons and the leaderboard (the current minute is not sent).
     */
    Map<String, Row> latestReachedMinutes() {
        return latestReached;
    }

    /** The expected points of a measurement, in time order. */
    List<Row> points(String measurement) {
        List<Row> rows = byMeasurement.get(measurement);
        if (rows == null) {
            throw new IllegalArgumentException("no score oracle for measurement " + measurement);
        }
        return rows;
    }

    boolean covers(String measurement) {
        return byMeasurement.containsKey(measurement);
    }

    /** Measurement → number of expected points. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        byMeasurement.forEach((m, rows) -> counts.put(m, (long) rows.size()));
        return counts;
    }

    private static JsonNode json(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof Long l) return f.numberNode(l);
        if (v instanceof Double d) return f.numberNode(d);
        if (v instanceof Boolean b) return f.booleanNode(b);
        if (v instanceof String s) return f.textNode(s);
        throw new IllegalArgumentException("unexpected field value " + v + " (" + v.getClass() + ")");
    }
}
