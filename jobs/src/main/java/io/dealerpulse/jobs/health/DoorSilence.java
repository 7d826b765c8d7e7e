package io.dealerpulse.jobs.health;

import io.dealerpulse.jobs.pipeline.KpiPoints;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Applies {@link DoorSilenceRule} to a site's staffing windows (keyed by site), as the site KPI
 * function writes them: only open windows exist, so "within opening hours" comes for free, and the
 * windows close on the site's own clock. A rewritten window (a late event) re-evaluates it and the
 * later windows of its day; a tombstoned window is forgotten. State: the windows of the last
 * {@link #KEPT} of window starts per site.
 */
final class DoorSilence extends KeyedProcessFunction<String, InfluxPoint, InfluxPoint> {
    private static final long serialVersionUID = 1L;
    static final Duration KEPT = Duration.ofHours(48);

    private final int spanWindows;
    private final int minCheckIns;
    /** Window start → "localDate|visitors|checkIns". */
    private transient MapState<Long, String> windows;

    DoorSilence(HealthOptions options) {
        this.spanWindows = options.doorSilentWindows();
        this.minCheckIns = options.doorSilentMinCheckIns();
    }

    static boolean isStaffingWindow(InfluxPoint point) {
        return KpiPoints.STAFFING_WINDOW.equals(point.getMeasurement()) && point.getDatabase() == null;
    }

    @Override
    public void open(OpenContext context) {
        windows = getRuntimeContext().getMapState(new MapStateDescriptor<>("windows", Types.LONG, Types.STRING));
    }

    @Override
    public void processElement(InfluxPoint window, Context ctx, Collector<InfluxPoint> out) throws Exception {
        long start = window.getTimestampMillis();
        String localDate = window.getTags().get("local_date");
        if (window.isTombstone()) {
            windows.remove(start);
            out.collect(InfluxPoint.tombstoneOf(HealthPoints.doorSensor(ctx.getCurrentKey(), localDate, start,
                    new DoorSilenceRule.Silence(0, 0, false), spanWindows)));
        } else {
            windows.put(start, localDate + "|" + window.getLongFields().getOrDefault("visitors", 0L) + "|"
                    + window.getLongFields().getOrDefault("check_ins", 0L));
        }
        TreeMap<Long, String[]> day = new TreeMap<>();
        long newest = start;
        for (Map.Entry<Long, String> e : windows.entries()) {
            newest = Math.max(newest, e.getKey());
            String[] parts = e.getValue().split("\\|");
            if (parts[0].equals(localDate)) {
                day.put(e.getKey(), parts);
            }
        }
        List<DoorSilenceRule.WindowCounts> upTo = new ArrayList<>();
        for (Map.Entry<Long, String[]> e : day.entrySet()) {
            upTo.add(new DoorSilenceRule.WindowCounts(Long.parseLong(e.getValue()[1]), Long.parseLong(e.getValue()[2])));
            if (e.getKey() >= start) {
                out.collect(HealthPoints.doorSensor(ctx.getCurrentKey(), localDate, e.getKey(),
                        DoorSilenceRule.evaluate(upTo, spanWindows, minCheckIns), spanWindows));
            }
        }
        List<Long> old = new ArrayList<>();
        for (Long key : windows.keys()) {
            if (key < newest - KEPT.toMillis()) {
                old.add(key);
            }
        }
        for (Long key : old) {
            windows.remove(key);
        }
    }
}
