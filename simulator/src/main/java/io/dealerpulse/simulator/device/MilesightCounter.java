package io.dealerpulse.simulator.device;

import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.scenario.Crossing;
import io.dealerpulse.simulator.scenario.Incident;
import io.dealerpulse.simulator.scenario.SiteDay;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Milesight VS12x counting the reception door: a report every {@code interval} around the clock
 * (installers commonly set 5 minutes instead of the 60 s default), with the interval's counts
 * ({@code line_periodic_data}) and the totals since the daily reset at local midnight
 * ({@code line_total_data}). Reports of a {@code COUNTER_OFFLINE} hour are kept by the device and sent
 * when it is back (the VS12x's data retransmission), so they arrive late and in a burst.
 */
public final class MilesightCounter {
    private final SiteProfile site;
    private final Duration interval;

    public MilesightCounter(SiteProfile site, Duration interval) {
        if (Duration.ofDays(1).toSeconds() % interval.toSeconds() != 0) {
            throw new IllegalArgumentException("a report interval must divide a day, got " + interval);
        }
        this.site = site;
        this.interval = interval;
    }

    /** The reports covering the local day, in time order. */
    public List<MilesightReport> reports(SiteDay day) {
        ZoneId zone = site.zone();
        Instant dayStart = day.date().atStartOfDay(zone).toInstant();
        Instant dayEnd = day.date().plusDays(1).atStartOfDay(zone).toInstant();
        List<Crossing> crossings = day.crossings();
        List<MilesightReport> reports = new ArrayList<>();
        long totalIn = 0;
        long totalOut = 0;
        int next = 0;
        for (Instant start = dayStart; start.isBefore(dayEnd); start = start.plus(interval)) {
            Instant end = start.plus(interval);
            int in = 0;
            int out = 0;
            while (next < crossings.size() && crossings.get(next).time().isBefore(end)) {
                if (crossings.get(next++).entering()) {
                    in++;
                } else {
                    out++;
                }
            }
            totalIn += in;
            totalOut += out;
            Instant publishAt = end;
            for (Incident incident : day.incidents()) {
                if (incident.kind() == Incident.Kind.COUNTER_OFFLINE && incident.covers(end)) {
                    publishAt = incident.until();
                }
            }
            reports.add(new MilesightReport(start, end, in, out, totalIn, totalOut, publishAt));
        }
        return reports;
    }

    /** The MQTT message of a report, as in {@code shared/formats/README.md}. */
    public DeviceMessage message(MilesightReport report) {
        ZoneRules rules = site.zone().getRules();
        Map<String, Object> deviceInfo = new LinkedHashMap<>();
        deviceInfo.put("device_sn", site.deviceSerial());
        deviceInfo.put("device_name", "Reception door");
        deviceInfo.put("device_mac", "24:E1:24:" + site.deviceSerial().substring(site.deviceSerial().length() - 6)
                .replaceAll("(..)(?!$)", "$1:"));
        deviceInfo.put("firmware_version", "V_125.1.0.3");
        deviceInfo.put("running_time", 86_400 + report.end().getEpochSecond() % 1_000_000);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("line", 1);
        line.put("line_name", "Entrance");
        line.put("line_uuid", site.milesightLineUuid());
        Map<String, Object> periodic = new LinkedHashMap<>(line);
        periodic.put("total", Map.of("in", report.in(), "out", report.out()));
        Map<String, Object> total = new LinkedHashMap<>(line);
        total.put("total", Map.of("in_counted", report.totalIn(), "out_counted", report.totalOut(),
                "capacity_counted", report.totalIn() - report.totalOut()));
        Map<String, Object> time = new LinkedHashMap<>();
        time.put("start_time", Json.local(report.start(), site.zone()));
        time.put("end_time", Json.local(report.end(), site.zone()));
        time.put("time_zone", "UTC" + rules.getStandardOffset(report.start()).getId() + " " + site.zone().getId());
        time.put("enable_dst", !rules.isFixedOffset() && rules.nextTransition(report.start()) != null);
        time.put("dst_status", rules.isDaylightSavings(report.start()));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("device_info", deviceInfo);
        root.put("line_periodic_data", List.of(periodic));
        root.put("line_total_data", List.of(total));
        root.put("time_info", time);
        return new DeviceMessage(report.publishAt(), site.id(), "dealer/" + site.id() + "/door/" + site.deviceSerial(),
                Json.bytes(root));
    }
}
