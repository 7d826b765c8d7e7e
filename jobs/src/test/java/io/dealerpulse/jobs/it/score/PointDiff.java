package io.dealerpulse.jobs.it.score;

import io.dealerpulse.jobs.oracle.score.ExpectedPoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Field-by-field comparison of expected points with points read back from InfluxDB, for one
 * measurement. Points are matched on their identity tags + time; the report lists missing,
 * unexpected and differing points (every differing field with expected and stored value) and a
 * count of differences per field.
 *
 * <p>InfluxDB's JSON writes a float without a fractional part as an integer (2.0 comes back as 2),
 * so values are compared by the expected type; stored types are checked with SHOW FIELD KEYS.
 * Floats are equal within 1e-9 relative: the job and the oracle may sum in a different order.
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
        List<String> lines = new ArrayList<>();
        if (!want.tags().equals(got.tags())) {
            lines.add("    tags: expected " + want.tags() + " stored " + got.tags());
            differencesPerField.merge("(tags)", 1, Integer::sum);
        }
        TreeSet<String> names = new TreeSet<>(want.fields().keySet());
        names.addAll(got.fields().keySet());
        for (String name : names) {
            Object e = want.fields().get(name);
            Object s = got.fields().get(name);
            if (!sameValue(e, s)) {
                lines.add("    " + name + ": expected " + e + " stored " + s);
                differencesPerField.merge(name, 1, Integer::sum);
            }
        }
        if (!lines.isEmpty()) {
            differing.add(key + "\n" + String.join("\n", lines));
        }
    }

    static boolean sameValue(Object expected, Object stored) {
        if (expected == null || stored == null) {
            return expected == stored;
        }
        if (expected instanceof Number want && stored instanceof Number got) {
            if (expected instanceof Long || expected instanceof Integer) {
                return got.doubleValue() == want.longValue() && got.doubleValue() == Math.rint(got.doubleValue());
            }
            double a = want.doubleValue();
            double b = got.doubleValue();
            return a == b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
        }
        return Objects.equals(expected, stored);
    }

    String report() {
        if (isEmpty()) {
            return measurement + ": all " + compared + " points equal, field by field";
        }
        StringBuilder text = new StringBuilder(measurement).append(": ").append(compared).append(" compared, ")
                .append(missing.size()).append(" missing, ").append(unexpected.size()).append(" unexpected, ")
                .append(differing.size()).append(" differing; differences per field: ").append(differencesPerField);
        append(text, "missing (expected, not in InfluxDB)", missing);
        append(text, "unexpected (in InfluxDB, not expected)", unexpected);
        append(text, "differing", differing);
        return text.toString();
    }

    private static void append(StringBuilder text, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        text.append("\n ").append(title).append(":");
        items.stream().limit(MAX_LISTED).forEach(item -> text.append("\n  ").append(item));
        if (items.size() > MAX_LISTED) {
            text.append("\n  ... and ").append(items.size() - MAX_LISTED).append(" more");
        }
    }
}
