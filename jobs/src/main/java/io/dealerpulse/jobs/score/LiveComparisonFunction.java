package io.dealerpulse.jobs.score;

import io.dealerpulse.jobs.sink.InfluxPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Live comparisons of one country (keyed by country code): every minute of processing time, from
 * each site's latest live score, {@code comparison_live} per region / investor group / country,
 * {@code site_rank_live} per scored site, and one denormalised {@code leaderboard} point per site
 * (name, coordinates, score, tier, trend, the latest window's visitors per staff and status, ranks),
 * so a dashboard table or map needs no join. Time = the processing-time minute: these points are
 * not replayable (DESIGN.md excepts live comparisons from replay equality).
 *
 * <p>Scale: keyed by country like {@link DailyComparisonFunction} — ranks need the whole country.
 * Each site sends its latest score once per minute of its own clock, so 10,000 sites are ~170
 * records/s into a country's key, and a minute's output is one O(n log n) ranking; state is one
 * entry per site. Sites silent for more than a day are dropped from the live view.
 */
public class LiveComparisonFunction extends KeyedProcessFunction<String, LiveSiteScore, InfluxPoint> {
    private static final long serialVersionUID = 1L;
    private static final long MINUTE = 60_000L;
    private static final long FORGET_AFTER = 24 * 60 * MINUTE;

    private transient MapState<String, LiveSiteScore> latest;
    private transient MapState<String, Long> receivedAt;
    private transient ValueState<Long> timer;

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext().getMapState(new MapStateDescriptor<>("latest-live-scores", Types.STRING,
                TypeInformation.of(LiveSiteScore.class)));
        receivedAt = getRuntimeContext().getMapState(new MapStateDescriptor<>("live-received-at", Types.STRING,
                Types.LONG));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("live-minute-timer", Types.LONG));
    }

    @Override
    public void processElement(LiveSiteScore score, Context ctx, Collector<InfluxPoint> out) throws Exception {
        LiveSiteScore known = latest.get(score.getSite());
        if (known == null || score.getTime() >= known.getTime()) {
            latest.put(score.getSite(), score);
        }
        long now = ctx.timerService().currentProcessingTime();
        receivedAt.put(score.getSite(), now);
        if (timer.value() == null) {
            long next = (now / MINUTE + 1) * MINUTE;
            ctx.timerService().registerProcessingTimeTimer(next);
            timer.update(next);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, Long> e : receivedAt.entries()) {
            if (e.getValue() < timestamp - FORGET_AFTER) {
                gone.add(e.getKey());
            }
        }
        for (String site : gone) {
            latest.remove(site);
            receivedAt.remove(site);
        }
        List<LiveSiteScore> sites = new ArrayList<>();
        latest.values().forEach(sites::add);
        write(sites, timestamp, out);
        if (sites.isEmpty()) {
            timer.clear();
        } else {
            long next = timestamp + MINUTE;
            ctx.timerService().registerProcessingTimeTimer(next);
            timer.update(next);
        }
    }

    /** The minute's points for these sites (pure, so tests can call it on values). */
    static void write(List<LiveSiteScore> sites, long minute, Collector<InfluxPoint> out) {
        List<DailyComparison.SiteEntry> entries = new ArrayList<>();
        sites.forEach(s -> entries.add(s.entry()));
        DailyComparison comparison = DailyComparison.of(entries);
        comparison.scopes().forEach((scope, summary) -> out.collect(ScorePoints.comparison(
                ScorePoints.COMPARISON_LIVE, scope.scope(), scope.name(), null, minute, summary, false)));
        Map<String, DailyComparison.SitePlace> places = new HashMap<>();
        for (DailyComparison.SitePlace place : comparison.places()) {
            places.put(place.site().tags().site(), place);
            out.collect(ScorePoints.rank(ScorePoints.SITE_RANK_LIVE, place.site().tags(), null, minute,
                    place.inRegion(), place.inCountry(), place.region(), place.country(), place.group()));
        }
        for (LiveSiteScore s : sites) {
            out.collect(ScorePoints.leaderboard(s, places.get(s.getSite()), minute));
        }
    }
}
