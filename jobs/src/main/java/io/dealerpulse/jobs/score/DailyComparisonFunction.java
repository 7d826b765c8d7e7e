package io.dealerpulse.jobs.score;

import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * Daily comparisons of one country (keyed by country code): region, investor-group and country
 * means and tier counts ({@code comparison_daily}) and each site's rank and percentile in its region
 * and country ({@code site_rank_daily}) per local date, from the sites' daily scores.
 *
 * <h2>When a date is written</h2>
 * Once every <em>known</em> site of the country has closed the date (sent its daily record for it,
 * with or without a score), or — if one has not — when the grace period (processing time, default
 * 2 h) after the date's first record has passed, then flagged {@code partial = true}. Known sites are
 * those that sent a record for one of the 7 dates before; a site that left the country or stopped
 * reporting stops being waited for after a week. A record arriving after the date was written (a
 * site closing late, a corrected daily score) rewrites the date's points (same series, same time),
 * so the final content does not depend on arrival order: a replay gives the same points, complete.
 *
 * <h2>How it scales (10,000 sites)</h2>
 * Ranks and percentiles need every site of a region and of the country for a date, so the country
 * is the natural unit: keying by country spreads countries over subtasks and never funnels the
 * network through one un-keyed operator. Its input is one record per site per day (plus rare
 * corrections), not per event: 10,000 sites are ~10,000 records a day into one key, and a date's
 * computation is one sort of 10,000 scores (O(n log n), milliseconds) when the date completes. State
 * is bounded to the dates that can still be corrected (a few days × sites). If one country's
 * daily volume ever mattered, the region/group sums could be pre-aggregated per (region, date)
 * upstream with {@link ScopeSummary#plus}; the ranks could not, which is why this stage keys by
 * country. Limitation: an investor group spanning several countries gets one
 * {@code comparison_daily} point per country written under the same series, the last one winning.
 */
public class DailyComparisonFunction extends KeyedProcessFunction<String, DailySiteScore, InfluxPoint> {
    private static final long serialVersionUID = 1L;
    /** A site that sent nothing for this many dates before a date is not waited for. */
    static final int KNOWN_FOR_DAYS = 7;
    /** Dates kept after the newest one, for late sites and corrections. */
    static final int KEEP_DAYS = 4;

    private final ScoreOptions options;

    private transient MapState<String, DailySiteScore> scores;
    private transient MapState<String, Long> lastDayBySite;
    private transient MapState<Long, Boolean> written;
    private transient MapState<Long, Long> graceTimers;
    private transient ValueState<Long> newestDay;

    public DailyComparisonFunction(ScoreOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext openContext) {
        scores = getRuntimeContext().getMapState(new MapStateDescriptor<>("daily-scores-by-date-site", Types.STRING,
                TypeInformation.of(DailySiteScore.class)));
        lastDayBySite = getRuntimeContext().getMapState(new MapStateDescriptor<>("last-day-by-site", Types.STRING,
                Types.LONG));
        written = getRuntimeContext().getMapState(new MapStateDescriptor<>("written-dates", Types.LONG, Types.BOOLEAN));
        graceTimers = getRuntimeContext().getMapState(new MapStateDescriptor<>("grace-timers", Types.LONG, Types.LONG));
        newestDay = getRuntimeContext().getState(new ValueStateDescriptor<>("newest-day", Types.LONG));
    }

    @Override
    public void processElement(DailySiteScore daily, Context ctx, Collector<InfluxPoint> out) throws Exception {
        long day = daily.getEpochDay();
        Long newest = newestDay.value();
        if (newest != null && day < newest - KEEP_DAYS) {
            // its date's records were dropped: rewriting it from this one record would be wrong
            return;
        }
        Long last = lastDayBySite.get(daily.getSite());
        if (last == null || day > last) {
            lastDayBySite.put(daily.getSite(), day);
        }
        scores.put(key(day, daily.getSite()), daily);
        boolean complete = complete(day);
        if (written.contains(day) || complete) {
            write(day, !complete, out);
        } else if (!graceTimers.contains(day)) {
            long at = ctx.timerService().currentProcessingTime() + options.comparisonGrace().toMillis();
            ctx.timerService().registerProcessingTimeTimer(at);
            graceTimers.put(day, at);
        }
        if (newest == null || day > newest) {
            newestDay.update(day);
            prune(day);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
        List<Long> due = new ArrayList<>();
        for (Map.Entry<Long, Long> e : graceTimers.entries()) {
            if (e.getValue() <= timestamp) {
                due.add(e.getKey());
            }
        }
        for (Long day : due) {
            graceTimers.remove(day);
            if (!written.contains(day)) {
                write(day, !complete(day), out);
            }
        }
    }

    /** Whether every site known for the date has sent its record for it. */
    private boolean complete(long day) throws Exception {
        for (Map.Entry<String, Long> e : lastDayBySite.entries()) {
            if (e.getValue() >= day - KNOWN_FOR_DAYS && !scores.contains(key(day, e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private void write(long day, boolean partial, Collector<InfluxPoint> out) throws Exception {
        List<DailyComparison.SiteEntry> entries = new ArrayList<>();
        String prefix = day + "|";
        for (Map.Entry<String, DailySiteScore> e : scores.entries()) {
            if (e.getKey().startsWith(prefix)) {
                entries.add(e.getValue().entry());
            }
        }
        LocalDate date = LocalDate.ofEpochDay(day);
        long time = ScorePoints.utcMidnight(date);
        DailyComparison comparison = DailyComparison.of(entries);
        comparison.scopes().forEach((scope, summary) -> out.collect(ScorePoints.comparison(
                ScorePoints.COMPARISON_DAILY, scope.scope(), scope.name(), date, time, summary, partial)));
        for (DailyComparison.SitePlace place : comparison.places()) {
            out.collect(ScorePoints.rank(ScorePoints.SITE_RANK_DAILY, place.site().tags(), date, time, place.inRegion(),
                    place.inCountry(), place.region(), place.country(), place.group()));
        }
        written.put(day, partial);
    }

    /** Drops dates more than {@link #KEEP_DAYS} before the newest date seen, and sites silent for long. */
    private void prune(long newest) throws Exception {
        long horizon = newest - KEEP_DAYS;
        List<String> oldScores = new ArrayList<>();
        for (String k : scores.keys()) {
            if (Long.parseLong(k.substring(0, k.indexOf('|'))) < horizon) {
                oldScores.add(k);
            }
        }
        for (String k : oldScores) {
            scores.remove(k);
        }
        List<Long> oldDays = new ArrayList<>();
        for (Long d : written.keys()) {
            if (d < horizon) {
                oldDays.add(d);
            }
        }
        for (Long d : oldDays) {
            written.remove(d);
        }
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, Long> e : lastDayBySite.entries()) {
            if (e.getValue() < horizon - KNOWN_FOR_DAYS) {
                gone.add(e.getKey());
            }
        }
        for (String site : gone) {
            lastDayBySite.remove(site);
        }
    }

    private static String key(long day, String site) {
        return day + "|" + site;
    }
}
