package io.dealerpulse.jobs.oracle.score;

import java.util.Collection;

/**
 * Rank and percentile of one score among the scores of a scope (the own score included):
 * rank = 1 + number of strictly higher scores (ties share a rank); percentile = 100 × (other scores
 * ≤ own) / (n − 1), and 100 when the site is alone. Compared unrounded.
 */
public final class Ranking {
    private Ranking() {}

    public static long rank(double own, Collection<Double> scope) {
        long higher = scope.stream().filter(s -> s > own).count();
        return 1 + higher;
    }

    public static double percentile(double own, Collection<Double> scope) {
        int n = scope.size();
        if (n <= 1) {
            return 100.0;
        }
        long othersAtOrBelow = scope.stream().filter(s -> s <= own).count() - 1; // minus the site itself
        return 100.0 * othersAtOrBelow / (n - 1);
    }

    public static double mean(Collection<Double> scores) {
        return scores.stream().mapToDouble(Double::doubleValue).sum() / scores.size();
    }
}
