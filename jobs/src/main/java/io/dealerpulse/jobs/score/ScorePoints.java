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

    /** {@code comparison_daily} (time = D 00:00 UTC) or {@code comparison_live} ({@code date} null, no date tag) of one scope. */
    public static InfluxPoint comparison(String measurement, String scope, String name, LocalDate date, long timeMillis,
            ScopeSummary summary, boolean partial) {
        return dateTag(InfluxPoint.of(measurement, timeMillis)
                .tag("scope", scope)
                .tag("name", name), date)
                .field("mean_score", summary.mean())
                .field("sites", summary.sites())
                .field("platinum", summary.platinum())
                .field("gold", summary.gold())
                .field("silver", summary.silver())
                .field("bronze", summary.bronze())
                .field("partial", partial);
    }

    /** {@code site_rank_daily} (time = D 00:00 UTC) or {@code site_rank_live} ({@code date} null) of one site. */
    public static InfluxPoint rank(String measurement, SiteTags tags, LocalDate date, long timeMillis,
            Ranking.Position inRegion, Ranking.Position inCountry, ScopeSummary region, ScopeSummary country,
            ScopeSummary group) {
        return dateTag(siteTags(InfluxPoint.of(measurement, timeMillis), tags), date)
                .field("rank_region", (long) inRegion.rank())
                .field("rank_country", (long) inCountry.rank())
                .field("percentile_region", inRegion.percentile())
                .field("percentile_country", inCountry.percentile())
                .field("region_mean", region.mean())
                .field("country_mean", country.mean())
                .field("group_mean", group == null ? 0.0 : group.mean())
                .field("group_valid", group != null && group.valid());
    }

    /**
     * One {@code leaderboard} point of a site at a processing-time minute; ranks 0 when the site has
     * no score ({@code place} null).
     */
    public static InfluxPoint leaderboard(LiveSiteScore s, DailyComparison.SitePlace place, long minute) {
        return siteTags(InfluxPoint.of(LEADERBOARD, minute), s.tags())
                .field("name", s.getName())
                .field("latitude", s.getLatitude())
                .field("longitude", s.getLongitude())
                .field("score", s.getScore())
                .field("score_valid", s.isValid())
                .field("tier", Tier.valueOf(s.getTier()).code())
                .field("trend", Trend.valueOf(s.getTrend()).code())
                .field("visitors_per_staff", s.getVisitorsPerStaff())
                .field("ratio_valid", s.isRatioValid())
                .field("status", s.getStatus())
                .field("rank_region", place == null ? 0L : place.inRegion().rank())
                .field("rank_country", place == null ? 0L : place.inCountry().rank());
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

    private static InfluxPoint dateTag(InfluxPoint point, LocalDate date) {
        return date == null ? point : point.tag("local_date", iso(date));
    }

    private static String iso(LocalDate date) {
        return date.format(DateTimeFormatter.ISO_LOCAL_DATE);
    }
}
