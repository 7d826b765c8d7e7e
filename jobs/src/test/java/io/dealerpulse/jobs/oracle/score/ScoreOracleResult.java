package io.dealerpulse.jobs.oracle.score;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the job must have written once it has read every arrival: the live minute points of
 * {@code site_score} (compact: see {@link ExpectedMinute}), and the points of {@code site_score_daily},
 * {@code tier_change}, {@code comparison_daily} and {@code site_rank_daily}; with each site's first
 * and final clock.
 */
public record ScoreOracleResult(
        List<ExpectedMinute> minutes,
        List<ExpectedPoint> daily,
        List<ExpectedPoint> tierChanges,
        List<ExpectedPoint> comparisons,
        List<ExpectedPoint> ranks,
        Map<String, Instant> firstClocks,
        Map<String, Instant> finalClocks) {

    /** One live point, kept compact (there are one per site-minute); {@link #toPoint()} expands it. */
    public record ExpectedMinute(Instant time, java.util.SortedMap<String, String> tags, SiteScore score) {
        public String site() {
            return tags.get("site");
        }

        public ExpectedPoint toPoint() {
            return new ExpectedPoint(ScoreOracle.SITE_SCORE, time, tags, score.fields());
        }
    }
}
