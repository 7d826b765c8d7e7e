package io.dealerpulse.jobs.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The field-by-field part of comparing an expected point with one read back from InfluxDB, shared
 * by {@link WindowDiff} and the score IT's PointDiff (which differ in how points are matched and
 * how the report is summarised).
 *
 * <p>InfluxDB's JSON writes a float without a fractional part as an integer (2.0 comes back as 2),
 * so values are compared by the expected type; stored types are checked separately with
 * SHOW FIELD KEYS. Floats are equal within 1e-9 relative: the job and the oracle may sum the same
 * values in a different order.
 */
public final class FieldComparison {
    private FieldComparison() {}

    /**
     * One line per difference ("    tags: expected .. stored .." and "    field: expected .. stored .."),
     * empty when the points are equal; each difference is counted in {@code differencesPerField}.
     */
    public static List<String> differences(Map<String, String> expectedTags, Map<String, ?> expectedFields,
            Map<String, String> storedTags, Map<String, ?> storedFields, Map<String, Integer> differencesPerField) {
        List<String> lines = new ArrayList<>();
        if (!expectedTags.equals(storedTags)) {
            lines.add("    tags: expected " + expectedTags + " stored " + storedTags);
            differencesPerField.merge("(tags)", 1, Integer::sum);
        }
        TreeSet<String> names = new TreeSet<>(expectedFields.keySet());
        names.addAll(storedFields.keySet());
        for (String name : names) {
            Object want = expectedFields.get(name);
            Object got = storedFields.get(name);
            if (!sameValue(want, got)) {
                lines.add("    " + name + ": expected " + want + " stored " + got);
                differencesPerField.merge(name, 1, Integer::sum);
            }
        }
        return lines;
    }

    public static boolean sameValue(Object expected, Object stored) {
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

    /** Appends "{newline}{titlePrefix}{title}:" and at most {@code maxListed} items, then how many more. */
    public static void appendListed(StringBuilder text, String titlePrefix, String title, List<String> items,
            int maxListed) {
        if (items.isEmpty()) {
            return;
        }
        text.append("\n").append(titlePrefix).append(title).append(":");
        items.stream().limit(maxListed).forEach(item -> text.append("\n  ").append(item));
        if (items.size() > maxListed) {
            text.append("\n  ... and ").append(items.size() - maxListed).append(" more");
        }
    }
}
