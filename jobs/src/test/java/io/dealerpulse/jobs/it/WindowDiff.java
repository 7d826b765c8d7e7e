package io.dealerpulse.jobs.it;

import io.dealerpulse.jobs.oracle.ExpectedWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Field-by-field comparison of expected windows against points read back from InfluxDB, with a
 * report a person can act on: which windows are missing or unexpected, and for each differing window
 * every field with expected and stored value, plus a count of differences per field.
 *
 * <p>Values are compared by {@link FieldComparison} (by expected type, floats within 1e-9 relative).
 */
final class WindowDiff {
    private static final int MAX_LISTED = 40;

    private final List<String> missing = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private final List<String> differing = new ArrayList<>();
    private final Map<String, Integer> differencesPerField = new TreeMap<>();
    private final int expectedCount;
    private final int storedCount;

    private WindowDiff(int expectedCount, int storedCount) {
        this.expectedCount = expectedCount;
        this.storedCount = storedCount;
    }

    static WindowDiff between(List<ExpectedWindow> expected, Map<String, StoredWindow> stored) {
        WindowDiff diff = new WindowDiff(expected.size(), stored.size());
        Map<String, ExpectedWindow> byKey = new TreeMap<>();
        expected.forEach(w -> byKey.put(w.site() + " " + w.time(), w));
        for (Map.Entry<String, ExpectedWindow> entry : byKey.entrySet()) {
            StoredWindow actual = stored.get(entry.getKey());
            if (actual == null) {
                diff.missing.add(entry.getValue().key());
            } else {
                diff.compare(entry.getValue(), actual);
            }
        }
        for (StoredWindow actual : stored.values()) {
            if (!byKey.containsKey(actual.key())) {
                diff.unexpected.add(actual.key() + " " + actual.tags() + " " + actual.fields());
            }
        }
        return diff;
    }

    /** Point-by-point comparison of two readbacks (e.g. a restarted run against the uninterrupted one). */
    static WindowDiff between(Map<String, StoredWindow> reference, Map<String, StoredWindow> stored) {
        List<ExpectedWindow> asExpected = reference.values().stream()
                .map(w -> new ExpectedWindow(w.time(), w.tags(), w.fields())).toList();
        return between(asExpected, stored);
    }

    boolean isEmpty() {
        return missing.isEmpty() && unexpected.isEmpty() && differing.isEmpty();
    }

    private void compare(ExpectedWindow expected, StoredWindow actual) {
        List<String> lines = FieldComparison.differences(expected.tags(), expected.fields(),
                actual.tags(), actual.fields(), differencesPerField);
        if (!lines.isEmpty()) {
            differing.add(expected.key() + "\n" + String.join("\n", lines));
        }
    }

    /** Windows of the report per site (e.g. "fr-paris-01=3"), for the summary line. */
    private static SortedMap<String, Integer> perSite(List<String> keys) {
        SortedMap<String, Integer> counts = new TreeMap<>();
        keys.forEach(k -> counts.merge(k.split(" ")[0], 1, Integer::sum));
        return counts;
    }

    String report() {
        if (isEmpty()) {
            return "all " + expectedCount + " windows equal, field by field";
        }
        StringBuilder text = new StringBuilder();
        text.append("expected ").append(expectedCount).append(" windows, stored ").append(storedCount)
                .append(": ").append(missing.size()).append(" missing ").append(perSite(missing))
                .append(", ").append(unexpected.size()).append(" unexpected ").append(perSite(unexpected))
                .append(", ").append(differing.size()).append(" differing ").append(perSite(differing))
                .append("\ndifferences per field: ").append(differencesPerField);
        FieldComparison.appendListed(text, "", "missing (expected, not in InfluxDB)", missing, MAX_LISTED);
        FieldComparison.appendListed(text, "", "unexpected (in InfluxDB, not expected)", unexpected, MAX_LISTED);
        FieldComparison.appendListed(text, "", "differing", differing, MAX_LISTED);
        return text.toString();
    }
}
