package io.dealerpulse.demo.view;

import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the jobs wrote, per site, for the terminal view: the latest staffing window and, once the jobs
 * write them, the latest live score. Fed by {@link BoardSink} inside the local Flink cluster, which
 * runs in this JVM, hence one static board.
 *
 * <p>Scores: the score measurement is being added to the jobs (docs/kpis.md, part 2); any measurement
 * whose name contains {@code score} and which carries a numeric {@code score} field is shown, with its
 * {@code tier} and {@code trend} fields when present.
 */
public final class LiveBoard {
    public static final LiveBoard INSTANCE = new LiveBoard();
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("EEE HH:mm");

    private final Map<String, SiteRow> rows = new ConcurrentHashMap<>();
    private final Map<String, ZoneId> zones = new ConcurrentHashMap<>();

    public void registerZone(String site, ZoneId zone) {
        zones.put(site, zone);
    }

    public void clear() {
        rows.clear();
    }

    public void accept(InfluxPoint point) {
        String site = point.getTags().get("site");
        if (site == null) {
            return;
        }
        if ("staffing_window".equals(point.getMeasurement())) {
            rows.compute(site, (k, old) -> window(point, site, old));
        } else if (point.getMeasurement().contains("score") && point.getDoubleFields().containsKey("score")) {
            rows.compute(site, (k, old) -> {
                SiteRow base = old != null ? old : new SiteRow(site, point.getTags().getOrDefault("region", "?"), 0,
                        "", 0, 0, null, "-", 0, null, null, null);
                return new SiteRow(base.site(), base.region(), base.windowStartMillis(), base.localTime(),
                        base.visitors(), base.staffOnDuty(), base.visitorsPerStaff(), base.status(), base.windows(),
                        point.getDoubleFields().get("score"), text(point, "tier"), text(point, "trend"));
            });
        }
    }

    private SiteRow window(InfluxPoint point, String site, SiteRow old) {
        long windows = old == null ? 1 : old.windows() + 1;
        if (old != null && old.windowStartMillis() > point.getTimestampMillis()) {
            // a rewrite of an older window (a late event, a customer served later): newest stays shown
            return new SiteRow(old.site(), old.region(), old.windowStartMillis(), old.localTime(), old.visitors(),
                    old.staffOnDuty(), old.visitorsPerStaff(), old.status(), windows, old.score(), old.tier(), old.trend());
        }
        boolean ratioValid = Boolean.TRUE.equals(point.getBooleanFields().get("ratio_valid"));
        ZoneId zone = zones.getOrDefault(site, ZoneId.of("UTC"));
        return new SiteRow(site, point.getTags().getOrDefault("region", "?"), point.getTimestampMillis(),
                HH_MM.format(Instant.ofEpochMilli(point.getTimestampMillis()).atZone(zone)),
                point.getLongFields().getOrDefault("visitors", 0L),
                point.getDoubleFields().getOrDefault("staff_on_duty", 0.0),
                ratioValid ? point.getDoubleFields().get("visitors_per_staff") : null,
                point.getStringFields().getOrDefault("status", "?"), windows,
                old == null ? null : old.score(), old == null ? null : old.tier(), old == null ? null : old.trend());
    }

    private static String text(InfluxPoint point, String field) {
        String value = point.getStringFields().get(field);
        return value != null ? value : point.getTags().get(field);
    }

    public List<SiteRow> rows() {
        return rows.values().stream().sorted(java.util.Comparator.comparing(SiteRow::site)).toList();
    }

    public SiteRow row(String site) {
        return rows.get(site);
    }
}
