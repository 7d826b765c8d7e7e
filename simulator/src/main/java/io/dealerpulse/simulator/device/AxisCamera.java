package io.dealerpulse.simulator.device;

import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.scenario.Crossing;
import io.dealerpulse.simulator.scenario.Incident;
import io.dealerpulse.simulator.scenario.SiteDay;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AXIS camera counting the reception door with two crossline scenarios, one per direction. It
 * keeps its cumulative totals across days (cameras are not reset daily); a {@code COUNTER_RESET}
 * incident restarts them from 0 with a new {@code startTime}; during {@code COUNTER_OFFLINE} its
 * messages are lost, and the next one's total still includes the people counted meanwhile.
 *
 * <p>Feed it a site's days in date order. Pure apart from that running state.
 */
public final class AxisCamera {
    private final SiteProfile site;
    private Instant startTime;
    private long totalIn;
    private long totalOut;
    /** Readings per day already rendered: a day rendered twice (history and live) must not count twice. */
    private final Map<LocalDate, List<AxisCrossline>> rendered = new HashMap<>();

    /** @param installed the camera's first reset (its counters run from there) */
    public AxisCamera(SiteProfile site, Instant installed) {
        this.site = site;
        this.startTime = installed;
    }

    /** The readings of one day's crossings, in time order; readings lost while offline are left out. */
    public List<AxisCrossline> readings(SiteDay day) {
        return rendered.computeIfAbsent(day.date(), d -> render(day));
    }

    private List<AxisCrossline> render(SiteDay day) {
        List<AxisCrossline> readings = new ArrayList<>();
        List<Incident> resets = day.incidents().stream().filter(i -> i.kind() == Incident.Kind.COUNTER_RESET).toList();
        int nextReset = 0;
        for (Crossing crossing : day.crossings()) {
            while (nextReset < resets.size() && !crossing.time().isBefore(resets.get(nextReset).from())) {
                startTime = resets.get(nextReset++).from();
                totalIn = 0;
                totalOut = 0;
            }
            long total = crossing.entering() ? ++totalIn : ++totalOut;
            boolean offline = day.incidents().stream()
                    .anyMatch(i -> i.kind() == Incident.Kind.COUNTER_OFFLINE && i.covers(crossing.time()));
            if (!offline) {
                readings.add(new AxisCrossline(crossing.time(),
                        crossing.entering() ? AxisCrossline.IN_SCENARIO : AxisCrossline.OUT_SCENARIO, startTime, total));
            }
        }
        return List.copyOf(readings);
    }

    /** The MQTT message of one reading, as in {@code shared/formats/README.md} (topic namespaces on). */
    public DeviceMessage message(AxisCrossline reading) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("startTime", reading.startTime().toString());
        data.put("reason", "human");
        data.put("total", Long.toString(reading.totalHuman()));
        data.put("totalHuman", Long.toString(reading.totalHuman()));
        data.put("totalCar", "0");
        data.put("totalBike", "0");
        data.put("totalBus", "0");
        data.put("totalTruck", "0");
        data.put("totalOtherVehicle", "0");
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("source", Map.of());
        message.put("key", Map.of());
        message.put("data", data);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("topic", "axis:CameraApplicationPlatform/ObjectAnalytics/" + reading.scenario());
        root.put("timestamp", reading.time().toEpochMilli());
        root.put("serial", site.deviceSerial());
        root.put("message", message);
        String topic = site.axisPrefix() + "/event/tns:axis/CameraApplicationPlatform/ObjectAnalytics/"
                + reading.scenario();
        return new DeviceMessage(reading.time(), site.id(), topic, Json.bytes(root));
    }
}
