package io.dealerpulse.jobs.score;

import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * InfluxDB points of the scores (docs/score-contract.md). Every field is written on every write with
 * one fixed type, a missing value as its {@code *_valid} flag false and 0, so a rewrite replaces the
 * whole point; timestamps are functions of the data (T, local midnight, the date), so a replay
 * rewrites the same points.
 */
public final class ScorePoints {
    public static final String SITE_SCORE = "site_score";
    public static final String SITE_SCORE_DAILY = "site_score_daily";
    public static final String TIER_CHANGE = "tier_change";
    public static final String COMPARISON_DAILY = "comparison_daily";
    public static final String SITE_RANK_DAILY = "site_rank_daily";
    public static final String COMPARISON_LIVE = "comparison_live";
    public static final String SITE_RANK_LIVE = "site_rank_live";
    public static final String LEADERBOARD = "leaderboard";

    private ScorePoints() {}

    /** Live point for instant T. */
    public static InfluxPoint live(SiteTags tags, Instant t, SiteScore score) {
        return scoreFields(siteTags(InfluxPoint.of(SITE_SCORE, t.toEpochMilli()), tags), score);
    }

    /** Daily point of local date D, at the local midnight starting D. */
    public static InfluxPoint daily(SiteTags tags, LocalDate date, Instant dayStart, SiteScore score) {
        InfluxPoint point = siteTags(InfluxPoint.of(SITE_SCORE_DAILY, dayStart.toEpochMilli()), tags)
                .tag("local_date", iso(date));
        return scoreFields(point, score);
    }

    public static InfluxPoint tierChange(SiteTags tags, LocalDate date, Instant dayStart, TierChange change) {
        return siteTags(InfluxPoint.of(TIER_CHANGE, dayStart.toEpochMilli()), tags)
                .tag("local_date", iso(date))
                .field("kind", change.kind().code())
                .field("from_tier", change.fromTier().code())
                .field("to_tier", change.toTier().code())
                .field("from_trend", change.fromTrend().code())
                .field("to_trend", change.toTrend().code())
                .field("message", change.message());
    }

    /** {@code comparison_daily} of one scope; time = D 00:00 UTC. */
    public static InfluxPoint comparison(String measurement, String scope, String name, LocalDate date, long timeMillis,
            ScopeSummary summary, boolean partial) {
        return InfluxPoint.of(measurement, timeMillis)
                .tag("scope", scope)
                .tag("name", name)
                .tag("local_date", iso(date))
                .field("mean_score", summary.mean())
                .field("sites", summary.sites())
                .field("platinum", summary.platinum())
                .field("gold", summary.gold())
                .field("silver", summary.silver())
                .field("bronze", summary.bronze())
                .field("partial", partial);
    }

    /** {@code site_rank_daily} of one site; time = D 00:00 UTC. */
    public static InfluxPoint rank(String measurement, SiteTags tags, LocalDate date, long timeMillis,
            Ranking.Position inRegion, Ranking.Position inCountry, ScopeSummary region, ScopeSummary country,
            ScopeSummary group) {
        return siteTags(InfluxPoint.of(measurement, timeMillis), tags)
                .tag("local_date", iso(date))
                .field("rank_region", (long) inRegion.rank())
                .field("rank_country", (long) inCountry.rank())
                .field("percentile_region", inRegion.percentile())
                .field("percentile_country", inCountry.percentile())
                .field("region_mean", region.mean())
                .field("country_mean", country.mean())
                .field("group_mean", group == null ? 0.0 : group.mean())
                .field("group_valid", group != null && group.valid());
    }

    /** D 00:00 UTC, the timestamp of a date's comparison points. */
    public static long utcMidnight(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static InfluxPoint siteTags(InfluxPoint point, SiteTags tags) {
        return point.tag("site", tags.site())
                .tag("region", tags.region())
                .tag("investor_group", tags.investorGroup())
                .tag("country", tags.country());
    }

    private static InfluxPoint scoreFields(InfluxPoint point, SiteScore score) {
        point.field("score", score.score())
                .field("score_valid", score.valid())
                .field("tier", score.tier().code())
                .field("trend", score.trend().code())
                .field("components_with_data", (long) score.components().withData());
        for (ComponentName name : ComponentName.values()) {
            Component c = score.components().get(name);
            point.field(name.field(), c.value())
                    .field(name.field() + "_valid", c.hasData())
                    .field(name.field() + "_n", c.n());
        }
        return point;
    }

    private static String iso(LocalDate date) {
        return date.format(DateTimeFormatter.ISO_LOCAL_DATE);
    }
}
