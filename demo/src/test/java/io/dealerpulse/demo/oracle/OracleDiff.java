package io.dealerpulse.demo.oracle;

import io.dealerpulse.jobs.it.FieldComparison;
import io.dealerpulse.jobs.oracle.score.ExpectedPoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expected points of one measurement against the stored ones, matched on site + time, compared field
 * by field with the jobs ITs' {@link FieldComparison} (by expected type, floats within 1e-9 relative).
 */
public final class OracleDiff {
    private static final int MAX_LISTED = 20;

    private final String measurement;
    private final List<String> missing = new ArrayList<>();
    private final List<String> differing = new ArrayList<>();
    private final Map<String, Integer> differencesPerField = new TreeMap<>();
    private int compared;

    private OracleDiff(String measurement) {
        this.measurement = measurement;
    }

    public static OracleDiff between(String measurement, Collection<ExpectedPoint> expected,
            Collection<StoredPoints.Point> stored) {
        OracleDiff diff = new OracleDiff(measurement);
        Map<String, StoredPoints.Point> storedByKey = new TreeMap<>();
        stored.forEach(p -> storedByKey.put(p.tags().get("site") + " " + p.time(), p));
        for (ExpectedPoint want : expected) {
            String key = want.tags().get("site") + " " + want.time();
            StoredPoints.Point got = storedByKey.get(key);
            if (got == null) {
                diff.missing.add(key);
                continue;
            }
            diff.compared++;
            List<String> lines = FieldComparison.differences(want.tags(), want.fields(), got.tags(), got.fields(),
                    diff.differencesPerField);
            if (!lines.isEmpty()) {
                diff.differing.add(key + "\n" + String.join("\n", lines));
            }
        }
        return diff;
    }

    public List<String> differing() {
        return differing;
    }

    public boolean isEmpty() {
        return missing.isEmpty() && differing.isEmpty();
    }

    public int compared() {
        return compared;
    }

    public String report() {
        if (isEmpty()) {
            return measurement + ": all " + compared + " points equal the oracle, field by field";
        }
        StringBuilder text = new StringBuilder(measurement).append(": ").append(compared).append(" compared, ")
                .append(missing.size()).append(" missing, ").append(differing.size())
                .append(" differing; differences per field: ").append(differencesPerField);
        FieldComparison.appendListed(text, " ", "missing (expected, not in InfluxDB)", missing, MAX_LISTED);
        FieldComparison.appendListed(text, " ", "differing", differing, MAX_LISTED);
        return text.toString();
    }
}
