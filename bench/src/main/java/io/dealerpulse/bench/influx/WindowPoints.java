package io.dealerpulse.bench.influx;

import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.MapFunction;
import org.influxdb.dto.Point;

/**
 * The benchmark's points: staffing-window-shaped (4 tags, 7 fields, one point per site and
 * 15-minute slot), point {@code i} being site {@code i % 1000} and slot {@code i / 1000}. The same
 * values are built as the sink's {@link InfluxPoint} and as influxdb-java's {@link Point}.
 */
final class WindowPoints implements MapFunction<Long, InfluxPoint> {
    static final String MEASUREMENT = "bench_window";
    static final int SITES = 1000;
    private static final long BASE_MILLIS = Instant.parse("2026-06-15T06:00:00Z").toEpochMilli();
    private static final long SLOT_MILLIS = 15 * 60_000L;

    @Override
    public InfluxPoint map(Long i) {
        return sinkPoint(i);
    }

    static InfluxPoint sinkPoint(long i) {
        int site = (int) (i % SITES);
        return InfluxPoint.of(MEASUREMENT, time(i))
                .tag("site_id", "S" + site).tag("region", "r" + site % 10).tag("investor_group", "ig" + site % 50)
                .tag("country", "FR")
                .field("visitors", i % 17).field("staff_on_duty", 1.5).field("visitors_per_staff", (i % 17) / 1.5)
                .field("ratio_valid", true).field("check_ins", i % 5).field("walk_ins", i % 3)
                .field("status", "IN_BAND");
    }

    static Point barePoint(long i) {
        int site = (int) (i % SITES);
        return Point.measurement(MEASUREMENT).time(time(i), TimeUnit.MILLISECONDS)
                .tag("site_id", "S" + site).tag("region", "r" + site % 10).tag("investor_group", "ig" + site % 50)
                .tag("country", "FR")
                .addField("visitors", i % 17).addField("staff_on_duty", 1.5).addField("visitors_per_staff", (i % 17) / 1.5)
                .addField("ratio_valid", true).addField("check_ins", i % 5).addField("walk_ins", i % 3)
                .addField("status", "IN_BAND")
                .build();
    }

    private static long time(long i) {
        return BASE_MILLIS + (i / SITES) * SLOT_MILLIS;
    }
}
