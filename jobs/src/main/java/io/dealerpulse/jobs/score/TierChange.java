package io.dealerpulse.jobs.score;

import java.util.Optional;

/**
 * A change of a site's <em>daily</em> tier or trend between the latest earlier day with a daily
 * score and date D (never from the live tier, so the reset of today's components at midnight does not
 * flap).
 *
 * <p>One point per site and date: InfluxDB identifies a point by series and time, so a tier change
 * and a trend change on the same day are one point — {@code kind} is the tier's
 * ({@code promoted}/{@code dropped}) and the message names both ("promoted to Platinum; declining").
 */
public record TierChange(Kind kind, Tier fromTier, Tier toTier, Trend fromTrend, Trend toTrend, String message) {
    public enum Kind {
        PROMOTED("promoted"),
        DROPPED("dropped"),
        TREND_CHANGED("trend_changed");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The change from the previous scored day to this one, if any (both must have a valid daily score). */
    public static Optional<TierChange> between(Tier fromTier, Trend fromTrend, Tier toTier, Trend toTrend) {
        if (fromTier == Tier.NONE || toTier == Tier.NONE) {
            return Optional.empty();
        }
        boolean tierChanged = fromTier != toTier;
        boolean trendChanged = fromTrend != toTrend;
        if (!tierChanged && !trendChanged) {
            return Optional.empty();
        }
        String tierMessage = !tierChanged ? null
                : (toTier.compareTo(fromTier) > 0 ? "promoted to " : "dropped to ") + toTier.label();
        String trendMessage = trendChanged ? toTrend.code() : null;
        Kind kind = !tierChanged ? Kind.TREND_CHANGED : toTier.compareTo(fromTier) > 0 ? Kind.PROMOTED : Kind.DROPPED;
        String message = tierMessage == null ? trendMessage
                : trendMessage == null ? tierMessage : tierMessage + "; " + trendMessage;
        return Optional.of(new TierChange(kind, fromTier, toTier, fromTrend, toTrend, message));
    }
}
