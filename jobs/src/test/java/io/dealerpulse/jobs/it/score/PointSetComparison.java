package io.dealerpulse.jobs.it.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Exact comparison of two {@link PointSet}s (e.g. a live run and a reprocessing of the same input):
 * points only in one of them, and points whose fields differ — compared exactly, with no tolerance,
 * since both sides are computed by the same code from the same input. The report names every
 * difference (the first {@value #MAX_LISTED} of each kind) and the counts per measurement.
 */
final class PointSetComparison {
    private static final int MAX_LISTED = 20;

    private final String leftName;
    private final String rightName;
    private final List<String> onlyLeft = new ArrayList<>();
    private final List<String> onlyRight = new ArrayList<>();
    private final List<String> differing = new ArrayList<>();
    private final Map<String, Long> leftCounts;
    private final Map<String, Long> rightCounts;
    private int equal;

    private PointSetComparison(String leftName, PointSet left, String rightName, PointSet right) {
        this.leftName = leftName;
        this.rightName = rightName;
        this.leftCounts = left.countsPerMeasurement();
        this.rightCounts = right.countsPerMeasurement();
    }

    static PointSetComparison between(String leftName, PointSet left, String rightName, PointSet right) {
        PointSetComparison c = new PointSetComparison(leftName, left, rightName, right);
        left.points().forEach((key, l) -> {
            StoredPoint r = right.points().get(key);
            if (r == null) {
                c.onlyLeft.add(key + " " + l.fields());
            } else if (!Objects.equals(l.fields(), r.fields())) {
                Map<String, String> fieldDiffs = new TreeMap<>();
                for (String f : union(l, r)) {
                    if (!Objects.equals(l.fields().get(f), r.fields().get(f))) {
                        fieldDiffs.put(f, l.fields().get(f) + " vs " + r.fields().get(f));
                    }
                }
                c.differing.add(key + " " + fieldDiffs);
            } else {
                c.equal++;
            }
        });
        right.points().forEach((key, r) -> {
            if (!left.points().containsKey(key)) {
                c.onlyRight.add(key + " " + r.fields());
            }
        });
        return c;
    }

    private static List<String> union(StoredPoint a, StoredPoint b) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(a.fields().keySet());
        names.addAll(b.fields().keySet());
        return List.copyOf(names);
    }

    boolean isEmpty() {
        return onlyLeft.isEmpty() && onlyRight.isEmpty() && differing.isEmpty();
    }

    int equalPoints() {
        return equal;
    }

    String report() {
        StringBuilder text = new StringBuilder(leftName).append(" vs ").append(rightName).append(": ").append(equal)
                .append(" points equal, ").append(onlyLeft.size()).append(" only in ").append(leftName).append(", ")
                .append(onlyRight.size()).append(" only in ").append(rightName).append(", ").append(differing.size())
                .append(" differing; points per measurement ").append(leftName).append(' ').append(leftCounts)
                .append(", ").append(rightName).append(' ').append(rightCounts);
        list(text, "only in " + leftName, onlyLeft);
        list(text, "only in " + rightName, onlyRight);
        list(text, "differing (" + leftName + " vs " + rightName + ")", differing);
        return text.toString();
    }

    private static void list(StringBuilder text, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        text.append("\n ").append(title).append(':');
        lines.stream().limit(MAX_LISTED).forEach(l -> text.append("\n   ").append(l));
        if (lines.size() > MAX_LISTED) {
            text.append("\n   ... and ").append(lines.size() - MAX_LISTED).append(" more");
        }
    }
}
