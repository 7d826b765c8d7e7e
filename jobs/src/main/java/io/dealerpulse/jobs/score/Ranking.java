package io.dealerpulse.jobs.score;

import java.util.HashMap;
import java.util.Map;

/**
 * Ranks and percentiles of sites by score within one scope (a region or a country), over the sites
 * with a score: rank = 1 + number of sites with a strictly higher score (ties share a rank);
 * percentile = 100 × (other sites with a score ≤ own) / (n − 1), and 100 for a site alone. Unrounded
 * scores are compared. O(n log n) for n sites: one sort, then binary searches.
 */
public final class Ranking {
    private Ranking() {}

    public record Position(int rank, double percentile) {}

    public static <K> Map<K, Position> of(Map<K, Double> scores) {
        double[] sorted = scores.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        Map<K, Position> positions = new HashMap<>();
        for (Map.Entry<K, Double> e : scores.entrySet()) {
            double own = e.getValue();
            int atMost = upperBound(sorted, own);
            int higher = n - atMost;
            double percentile = n == 1 ? 100.0 : 100.0 * (atMost - 1) / (n - 1);
            positions.put(e.getKey(), new Position(1 + higher, percentile));
        }
        return positions;
    }

    /** Number of values ≤ {@code v} in the ascending array. */
    private static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(sorted[mid], v) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
