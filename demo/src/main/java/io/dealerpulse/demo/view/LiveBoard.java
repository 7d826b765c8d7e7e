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
 * <p>Scores: the live {@code site_score} points (docs/kpis.md, part 2) with their {@code tier} and
 * {@code trend}; the daily and comparison measurements are not shown (a daily point of yesterday would
 * otherwise replace the live score for a moment).
 */
public final class LiveBoard {
    public static final LiveBoard INSTANCE = new LiveBoard();
    private static final String LIVE_SCORE = "site_score";
    private static final String ACCOUNTING = "stream_accounting";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("EEE HH:mm");

    private final Map<String, SiteRow> rows = new ConcurrentHashMap<>();
    private final Map<String, ZoneId> zones = new ConcurrentHashMap<>();
    /** The job's {@code stream_accounting}: "stream site" → records received (the back-fill paces on it). */
    private final Map<String, Long> received = new ConcurrentHashMap<>();

    public void registerZone(String site, ZoneId zone) {
        zones.put(site, zone);
    }

    public void clear() {
        rows.clear();
        received.clear();
    }

    public void accept(InfluxPoint point) {
        String site = point.getTags().get("site");
        if (site == null) {
            return;
        }
        if (ACCOUNTING.equals(point.getMeasurement())) {
            received.merge(point.getTags().get("stream") + " " + site,
                    point.getLongFields().getOrDefault("received", 0L), Math::max);
        } else if ("staffing_window".equals(point.getMeasurement())) {
            rows.compute(site, (k, old) -> window(point, site, old));
        } else if (LIVE_SCORE.equals(point.getMeasurement()) && point.getDoubleFields().containsKey("score")) {
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
        // A site of the simulator has its zone registered; one of your own devices: the window's own offset.
        ZoneId zone = zones.getOrDefault(site, java.time.ZoneOffset.ofTotalSeconds(60 * point.getLongFields()
                .getOrDefault("utc_offset_min", 0L).intValue()));
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

    /** Records of a stream (its {@code stream} tag) the job has received so far, over all sites. */
    public long received(String stream) {
        String prefix = stream + " ";
        return received.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue)
                .sum();
    }

    public List<SiteRow> rows() {
        return rows.values().stream().sorted(java.util.Comparator.comparing(SiteRow::site)).toList();
    }

    public SiteRow row(String site) {
        return rows.get(site);
    }
}
