package io.dealerpulse.jobs.reprocess;

import io.dealerpulse.jobs.pipeline.KpiPoints;
import io.dealerpulse.jobs.score.ScorePoints;
import java.util.List;

/**
 * The measurements a reprocessing deletes and rewrites: those DESIGN.md promises to be equal after a
 * restart, a savepoint upgrade or a BATCH reprocessing of the same input. Live comparisons
 * ({@code comparison_live}, {@code site_rank_live}, {@code leaderboard}: processing-time minutes) and
 * pipeline health ({@code stream_accounting}: totals of what one run received) are excepted: a
 * reprocessing neither deletes nor writes them.
 */
public final class ReplayEqualMeasurements {
    public static final List<String> ALL = List.of(KpiPoints.STAFFING_WINDOW, ScorePoints.SITE_SCORE,
            ScorePoints.SITE_SCORE_DAILY, ScorePoints.TIER_CHANGE, ScorePoints.COMPARISON_DAILY,
            ScorePoints.SITE_RANK_DAILY);

    private ReplayEqualMeasurements() {}

    public static boolean contains(String measurement) {
        return ALL.contains(measurement);
    }
}
