package io.dealerpulse.jobs.score;

/**
 * A site's score as of one instant: its components, the weighted score (0–100, {@code valid} false
 * and 0.0 when no component has data), its tier and the trend of its daily scores.
 */
public record SiteScore(Components components, double score, boolean valid, Tier tier, Trend trend) {

    /**
     * score = 100 · Σ wᵢcᵢ / Σ wᵢ over the components with data; no score when none has data (or when
     * the components with data all weigh 0).
     */
    public static SiteScore of(Components components, Trend trend, ScoreOptions options) {
        double weighted = 0;
        double weights = 0;
        for (ComponentName name : ComponentName.values()) {
            Component c = components.get(name);
            if (c.hasData()) {
                weighted += options.weight(name) * c.value();
                weights += options.weight(name);
            }
        }
        boolean valid = weights > 0;
        double score = valid ? 100.0 * weighted / weights : 0.0;
        return new SiteScore(components, score, valid, Tier.of(score, valid, options), trend);
    }
}
