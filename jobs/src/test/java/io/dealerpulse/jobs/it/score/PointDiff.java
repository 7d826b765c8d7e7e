package io.dealerpulse.jobs.it.score;

import io.dealerpulse.jobs.it.FieldComparison;
import io.dealerpulse.jobs.oracle.score.ExpectedPoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Field-by-field comparison of expected points with points read back from InfluxDB, for one
 * measurement. Points are matched on their identity tags + time; the report lists missing,
 * unexpected and differing points (every differing field with expected and stored value) and a
 * count of differences per field.
 *
 * <p>Values are compared by {@link FieldComparison} (by expected type, floats within 1e-9 relative).
 */
final class PointDiff {
    private static final int MAX_LISTED = 30;

    private final String measurement;
    private final List<String> missing = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private final List<String> differing = new ArrayList<>();
    private final Map<String, Integer> differencesPerField = new TreeMap<>();
    private int compared;

    private PointDiff(String measurement) {
        this.measurement = measurement;
    }

    /**
     * @param identityTags the tags that, with the time, identify a point (e.g. site, or scope + name)
     * @param reportUnexpected whether a stored point without an expected one is a difference
     */
    static PointDiff between(String measurement, Collection<ExpectedPoint> expected, Collection<StoredPoint> stored,
            List<String> identityTags, boolean reportUnexpected) {
        PointDiff diff = new PointDiff(measurement);
        Map<String, StoredPoint> storedByKey = new TreeMap<>();
        stored.forEach(p -> storedByKey.put(key(p.tags(), p.time(), identityTags), p));
        TreeSet<String> expectedKeys = new TreeSet<>();
        for (ExpectedPoint want : expected) {
            String key = key(want.tags(), want.time(), identityTags);
            expectedKeys.add(key);
            StoredPoint got = storedByKey.get(key);
            if (got == null) {
                diff.missing.add(key);
            } else {
                diff.compare(key, want, got);
            }
        }
        if (reportUnexpected) {
            storedByKey.forEach((key, p) -> {
                if (!expectedKeys.contains(key)) {
                    diff.unexpected.add(key + " " + p.fields());
                }
            });
        }
        return diff;
    }

    static String key(SortedMap<String, String> tags, java.time.Instant time, List<String> identityTags) {
        StringBuilder key = new StringBuilder();
        identityTags.forEach(t -> key.append(tags.get(t)).append(' '));
        return key.append(time).toString();
    }

    boolean isEmpty() {
        return missing.isEmpty() && unexpected.isEmpty() && differing.isEmpty();
    }

    int compared() {
        return compared;
    }

    private void compare(String key, ExpectedPoint want, StoredPoint got) {
        compared++;
        List<String> lines = FieldComparison.differences(want.tags(), want.fields(), got.tags(), got.fields(),
                differencesPerField);
        if (!lines.isEmpty()) {
            differing.add(key + "\n" + String.join("\n", lines));
        }
    }

    String report() {
        if (isEmpty()) {
            return measurement + ": all " + compared + " points equal, field by field";
        }
        StringBuilder text = new StringBuilder(measurement).append(": ").append(compared).append(" compared, ")
                .append(missing.size()).append(" missing, ").append(unexpected.size()).append(" unexpected, ")
                .append(differing.size()).append(" differing; differences per field: ").append(differencesPerField);
        FieldComparison.appendListed(text, " ", "missing (expected, not in InfluxDB)", missing, MAX_LISTED);
        FieldComparison.appendListed(text, " ", "unexpected (in InfluxDB, not expected)", unexpected, MAX_LISTED);
        FieldComparison.appendListed(text, " ", "differing", differing, MAX_LISTED);
        return text.toString();
    }
}
