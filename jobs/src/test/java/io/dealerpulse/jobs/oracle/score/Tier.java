package io.dealerpulse.jobs.oracle.score;

/** Certification tier of a score: inclusive lower bounds on the unrounded score (90 → Platinum, 89.99 → Gold). */
public enum Tier {
    PLATINUM, GOLD, SILVER, BRONZE, NONE;

    public static Tier of(Double score, ScoreSettings settings) {
        if (score == null) {
            return NONE;
        }
        if (score >= settings.platinumFrom()) {
            return PLATINUM;
        }
        if (score >= settings.goldFrom()) {
            return GOLD;
        }
        if (score >= settings.silverFrom()) {
            return SILVER;
        }
        return BRONZE;
    }

    /** The stored tag/field value: "platinum" … "none". */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** "Platinum", for messages. */
    public String title() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Higher is better; NONE ranks below BRONZE. */
    int level() {
        return values().length - 1 - ordinal();
    }
}
