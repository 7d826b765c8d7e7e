package io.dealerpulse.jobs.score;

/**
 * Certification tier of a score: inclusive lower bounds on the unrounded score (defaults Platinum 90,
 * Gold 80, Silver 65, see {@link ScoreOptions}), so 89.99 is Gold and 90 is Platinum. {@link #NONE}
 * when the site has no score.
 */
public enum Tier {
    NONE("none", "None"),
    BRONZE("bronze", "Bronze"),
    SILVER("silver", "Silver"),
    GOLD("gold", "Gold"),
    PLATINUM("platinum", "Platinum");

    private final String code;
    private final String label;

    Tier(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The value written to InfluxDB. */
    public String code() {
        return code;
    }

    /** The name shown in messages ("promoted to Platinum"). */
    public String label() {
        return label;
    }

    public static Tier of(double score, boolean valid, ScoreOptions options) {
        if (!valid) {
            return NONE;
        }
        if (score >= options.platinumFrom()) {
            return PLATINUM;
        }
        if (score >= options.goldFrom()) {
            return GOLD;
        }
        return score >= options.silverFrom() ? SILVER : BRONZE;
    }
}
