package io.dealerpulse.jobs.pipeline;

import io.dealerpulse.jobs.kpi.StaffingWindow;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.format.DateTimeFormatter;

/**
 * InfluxDB points of the staffing KPIs (docs/staffing-window-contract.md). Every field is written on
 * every write with one fixed type, so a rewrite replaces the whole point and never leaves a stale
 * field behind; the timestamp is the window start, so a replay rewrites the same point.
 */
public final class KpiPoints {
    public static final String STAFFING_WINDOW = "staffing_window";
    public static final String STREAM_ACCOUNTING = "stream_accounting";

    private KpiPoints() {}

    public static InfluxPoint of(StaffingWindow w) {
        return InfluxPoint.of(STAFFING_WINDOW, w.start().toEpochMilli())
                .tag("site", w.siteId())
                .tag("region", w.region())
                .tag("investor_group", w.investorGroup())
                .tag("country", w.country())
                .tag("local_date", w.localDate().format(DateTimeFormatter.ISO_LOCAL_DATE))
                .tag("local_hour", twoDigits(w.localHour()))
                .field("visitors", w.visitors())
                .field("staff_on_duty", w.staffOnDuty())
                .field("visitors_per_staff", w.visitorsPerStaff())
                .field("ratio_valid", w.ratioValid())
                .field("unstaffed", w.unstaffed())
                .field("status", w.status().code())
                .field("check_ins", w.checkIns())
                .field("walk_ins", w.walkIns())
                .field("appointments_due", w.appointmentsDue())
                .field("appointments_arrived", w.appointmentsArrived())
                .field("waiting_served", w.waitingServed())
                .field("waiting_mean_s", w.waitingMeanSeconds())
                .field("waiting_p90_s", w.waitingP90Seconds())
                .field("target_min", w.targetMin())
                .field("target_max", w.targetMax())
                .field("utc_offset_min", (long) w.utcOffsetMinutes());
    }

    /** 0-23 as "00"-"23" (String.format showed in the job's profile: this runs for every recomputed window). */
    private static String twoDigits(int hour) {
        return hour < 10 ? "0" + hour : Integer.toString(hour);
    }

    /** Totals of one stream of one site, at the site clock truncated to the minute. */
    public static InfluxPoint accounting(String site, SourceStream stream, StreamCounters counters, long timeMillis) {
        InfluxPoint point = InfluxPoint.of(STREAM_ACCOUNTING, timeMillis - Math.floorMod(timeMillis, 60_000L))
                .tag("stream", stream.code())
                .tag("site", site)
                .field("received", counters.getReceived());
        for (Bucket bucket : Bucket.values()) {
            point.field(bucket.field(), counters.count(bucket));
        }
        return point;
    }
}
