package io.dealerpulse.jobs.score;

import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The score part of the KPI topology, attached to the site KPI function's {@link ScoreSignal}s:
 *
 * <pre>
 * signals ─keyBy(site)─▶ SiteScoreFunction ─▶ site_score, site_score_daily, tier_change
 *                            │ daily scores ─keyBy(country)─▶ DailyComparisonFunction ─▶ comparison_daily, site_rank_daily
 *                            └ live scores  ─keyBy(country)─▶ LiveComparisonFunction  ─▶ comparison_live, site_rank_live, leaderboard
 * </pre>
 *
 * Returns every point, for the same InfluxDB sink as the windows.
 */
public final class ScoreTopology {
    /** Stable operator ids: savepoints map state by these, never change them. */
    public static final String SITE_SCORE_UID = "site-score";
    public static final String DAILY_COMPARISON_UID = "daily-comparison";
    public static final String LIVE_COMPARISON_UID = "live-comparison";

    private ScoreTopology() {}

    public static DataStream<InfluxPoint> attach(DataStream<ScoreSignal> signals, ScoreOptions options,
            Duration allowedLateness) {
        SingleOutputStreamOperator<InfluxPoint> scores = signals
                .keyBy(ScoreSignal::getSiteId, Types.STRING)
                .process(new SiteScoreFunction(options, allowedLateness), TypeInformation.of(InfluxPoint.class))
                .uid(SITE_SCORE_UID).name("Site scores: live minute grid, daily scores, tiers, trends, tier changes");
        DataStream<InfluxPoint> daily = scores.getSideOutput(SiteScoreFunction.DAILY_SCORES)
                .keyBy(DailySiteScore::getCountry, Types.STRING)
                .process(new DailyComparisonFunction(options), TypeInformation.of(InfluxPoint.class))
                .uid(DAILY_COMPARISON_UID).name("Daily comparisons per country: scope means, ranks, percentiles");
        DataStream<InfluxPoint> live = scores.getSideOutput(SiteScoreFunction.LIVE_SCORES)
                .keyBy(LiveSiteScore::getCountry, Types.STRING)
                .process(new LiveComparisonFunction(), TypeInformation.of(InfluxPoint.class))
                .uid(LIVE_COMPARISON_UID).name("Live comparisons and leaderboard per country (processing-time minutes)");
        return scores.union(daily, live);
    }
}
