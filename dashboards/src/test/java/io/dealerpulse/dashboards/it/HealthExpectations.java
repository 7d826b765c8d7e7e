package io.dealerpulse.dashboards.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dealerpulse.dashboards.it.InfluxRows.Row;
import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.jobs.oracle.ExpectedWindow;
import io.dealerpulse.jobs.oracle.OracleResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;

/**
 * The pipeline-health points the run must have written, computed in plain Java from the records the
 * job read (in the order it read them) and the jobs' staffing oracle's windows, from the definitions
 * in docs/kpis.md "Pipeline health" — never from the jobs' health classes:
 *
 * <ul>
 *   <li>{@code agent_status}: one point per decoded heartbeat, at its agent time (a duplicate rewrites
 *       the same point);</li>
 *   <li>{@code door_sensor_health}: per open window W, the run of consecutive open windows of W's local
 *       day ending at W without a reception-door entry, and the check-ins in it; suspected when it
 *       spans at least {@link #DOOR_SILENT_WINDOWS} windows with at least {@link #DOOR_MIN_CHECK_INS}
 *       check-ins;</li>
 *   <li>{@code site_events_hourly}: decoded records per site, stream and site-local hour of their
 *       event time, duplicates and late ones included, except a record more than
 *       {@link #HOURLY_RETENTION} older than the newest event time of its site read so far.</li>
 * </ul>
 * As {@link Row}s, so the panel oracles treat them like the raw points the tests read back.
 */
final class HealthExpectations {
    /** The jobs' defaults (docs/kpis.md, {@code health.door-silent-span} 1 h, {@code health.door-silent-min-check-ins} 3). */
    static final int DOOR_SILENT_WINDOWS = 4;
    static final int DOOR_MIN_CHECK_INS = 3;
    static final Duration HOURLY_RETENTION = Duration.ofHours(48);
    static final Duration SILENT_AFTER = Duration.ofMinutes(10);
    static final Duration SEEN_WITHIN = Duration.ofHours(24);

    private final List<Row> agentStatus;
    private final List<Row> doorSensor;
    private final List<Row> siteEventsHourly;

    private HealthExpectations(List<Row> agentStatus, List<Row> doorSensor, List<Row> siteEventsHourly) {
        this.agentStatus = agentStatus;
        this.doorSensor = doorSensor;
        this.siteEventsHourly = siteEventsHourly;
    }

    static HealthExpectations of(List<Arrival> arrivals, OracleResult staffing) {
        return new HealthExpectations(heartbeats(arrivals), doorSensor(staffing.windows()), siteEventsHourly(arrivals));
    }

    List<Row> agentStatus() {
        return agentStatus;
    }

    List<Row> doorSensor() {
        return doorSensor;
    }

    List<Row> siteEventsHourly() {
        return siteEventsHourly;
    }

    /**
     * The sites whose agent is silent at {@code t}: a heartbeat in the {@link #SEEN_WITHIN} up to t, none
     * in the {@link #SILENT_AFTER} up to t (both ends included).
     */
    TreeSet<String> silentSites(Instant t) {
        TreeSet<String> seen = new TreeSet<>();
        TreeSet<String> recent = new TreeSet<>();
        for (Row beat : agentStatus) {
            if (!beat.time().isAfter(t) && !beat.time().isBefore(t.minus(SEEN_WITHIN))) {
                seen.add(beat.str("site"));
                if (!beat.time().isBefore(t.minus(SILENT_AFTER))) {
                    recent.add(beat.str("site"));
                }
            }
        }
        seen.removeAll(recent);
        return seen;
    }

    private static List<Row> heartbeats(List<Arrival> arrivals) {
        Map<String, Row> byPoint = new TreeMap<>();
        for (Arrival a : arrivals) {
            if (a.record() instanceof AgentStatus s) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("sequence", s.getSequence());
                fields.put("agent_version", s.getAgentVersion());
                fields.put("mqtt_connected", s.getMqttConnected());
                fields.put("dropped", s.getDropped());
                fields.put("outbox_depth", s.getOutboxDepth());
                fields.put("oldest_pending_age_ms", s.getOldestPendingAgeMs());
                fields.put("clock_offset_measured", s.getClockOffsetMs() != null);
                fields.put("clock_offset_ms", s.getClockOffsetMs() == null ? 0L : s.getClockOffsetMs());
                Map<String, String> tags = new TreeMap<>(Map.of("site", s.getSiteId(), "agent", s.getDeviceId()));
                byPoint.put(tags + " " + s.getEventTime(), row(s.getEventTime(), tags, fields));
            }
        }
        return sorted(byPoint.values());
    }

    private static List<Row> doorSensor(List<ExpectedWindow> windows) {
        Map<String, List<ExpectedWindow>> days = new TreeMap<>();
        windows.forEach(w -> days.computeIfAbsent(w.site() + " " + w.tags().get("local_date"), k -> new ArrayList<>()).add(w));
        List<Row> rows = new ArrayList<>();
        for (List<ExpectedWindow> day : days.values()) {
            day.sort(Comparator.comparing(ExpectedWindow::time));
            long silent = 0;
            long checkIns = 0;
            for (ExpectedWindow w : day) {
                if ((Long) w.fields().get("visitors") == 0) {
                    silent++;
                    checkIns += (Long) w.fields().get("check_ins");
                } else {
                    silent = 0;
                    checkIns = 0;
                }
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("suspected_fault", silent >= DOOR_SILENT_WINDOWS && checkIns >= DOOR_MIN_CHECK_INS);
                fields.put("silent_minutes", silent * 15);
                fields.put("check_ins_while_silent", checkIns);
                fields.put("span_minutes", DOOR_SILENT_WINDOWS * 15L);
                rows.add(row(w.time(), new TreeMap<>(Map.of("site", w.site(), "local_date", w.tags().get("local_date"))), fields));
            }
        }
        return sorted(rows);
    }

    private static List<Row> siteEventsHourly(List<Arrival> arrivals) {
        Map<String, ZoneId> zones = new TreeMap<>();
        Map<String, Instant> zoneFrom = new TreeMap<>();
        Map<String, Instant> newest = new TreeMap<>();
        Map<String, Long> counts = new TreeMap<>(); // "site|stream|hour start millis"
        for (Arrival a : arrivals) {
            if (!a.decodable()) {
                continue;
            }
            SpecificRecord r = a.record();
            String site = (String) field(r, "site_id");
            Instant time = (Instant) field(r, "event_time");
            if (r instanceof SiteRegistryVersion v && (zoneFrom.get(site) == null || !v.getEffectiveFrom().isBefore(zoneFrom.get(site)))) {
                zones.put(site, ZoneId.of(v.getTimeZone()));
                zoneFrom.put(site, v.getEffectiveFrom());
            }
            Instant latest = newest.merge(site, time, (x, y) -> x.isAfter(y) ? x : y);
            if (time.isBefore(latest.minus(HOURLY_RETENTION))) {
                continue;
            }
            counts.merge(site + "|" + a.stream().tag() + "|" + time.toEpochMilli(), 1L, Long::sum);
        }
        Map<String, Long> hours = new TreeMap<>();
        Map<String, ZonedDateTime> hourStarts = new TreeMap<>();
        counts.forEach((key, n) -> {
            String[] parts = key.split("\\|");
            ZoneId zone = zones.get(parts[0]);
            if (zone == null) {
                return; // no registry version: the job cannot place it in a local hour, and writes nothing
            }
            ZonedDateTime hour = Instant.ofEpochMilli(Long.parseLong(parts[2])).atZone(zone).truncatedTo(ChronoUnit.HOURS);
            String hourKey = parts[0] + "|" + parts[1] + "|" + hour.toInstant().toEpochMilli();
            hours.merge(hourKey, n, Long::sum);
            hourStarts.put(hourKey, hour);
        });
        List<Row> rows = new ArrayList<>();
        hours.forEach((key, n) -> {
            String[] parts = key.split("\\|");
            ZonedDateTime hour = hourStarts.get(key);
            Map<String, String> tags = new TreeMap<>(Map.of("site", parts[0], "stream", parts[1],
                    "local_date", hour.toLocalDate().toString(), "local_hour", String.format("%02d", hour.getHour())));
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("events", n);
            fields.put("utc_offset_min", (long) hour.getOffset().getTotalSeconds() / 60);
            rows.add(row(hour.toInstant(), tags, fields));
        });
        return sorted(rows);
    }

    private static Object field(SpecificRecord r, String name) {
        return r.get(r.getSchema().getField(name).pos());
    }

    private static List<Row> sorted(java.util.Collection<Row> rows) {
        List<Row> list = new ArrayList<>(rows);
        list.sort(Comparator.comparing(Row::time));
        return List.copyOf(list);
    }

    static Row row(Instant time, Map<String, String> tags, Map<String, Object> fields) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        fields.forEach((k, v) -> values.put(k, json(v)));
        return new Row(time, tags, values);
    }

    private static JsonNode json(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof Long l) return f.numberNode(l);
        if (v instanceof Integer i) return f.numberNode((long) i);
        if (v instanceof Double d) return f.numberNode(d);
        if (v instanceof Boolean b) return f.booleanNode(b);
        if (v instanceof String s) return f.textNode(s);
        throw new IllegalArgumentException("unexpected field value " + v + " (" + v.getClass() + ")");
    }
}
