package io.dealerpulse.jobs.score;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A site's score as of one instant: its components, the weighted score (0–100, {@code valid} false
 * and 0.0 when no component has data), its tier and the trend of its daily scores.
 */
public record SiteScore(Components components, double score, boolean valid, Tier tier, Trend trend) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * score = 100 · Σ wᵢcᵢ / Σ wᵢ over the components with data; no score when none has data (or when
     * the components with data all weigh 0).
     *
     * <p>Computed in decimal arithmetic (weights as written, e.g. 0.35, components exactly as stored)
     * and rounded to a double once at the end: plain double arithmetic gives 80.00000000000001 for
     * a feedback share of 0.8 alone, or 89.99999999999999 where the exact value is 90, and a tier
     * bound compares the unrounded score — a site at exactly 90 must be Platinum.
     */
    public static SiteScore of(Components components, Trend trend, ScoreOptions options) {
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (ComponentName name : ComponentName.values()) {
            Component c = components.get(name);
            if (c.hasData()) {
                BigDecimal w = BigDecimal.valueOf(options.weight(name));
                weighted = weighted.add(w.multiply(new BigDecimal(c.value())));
                weights = weights.add(w);
            }
        }
        boolean valid = weights.signum() > 0;
        double score = valid
                ? weighted.multiply(HUNDRED).divide(weights, MathContext.DECIMAL128).doubleValue()
                : 0.0;
        return new SiteScore(components, score, valid, Tier.of(score, valid, options), trend);
    }
}
