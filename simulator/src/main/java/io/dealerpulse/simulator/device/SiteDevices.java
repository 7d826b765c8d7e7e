package io.dealerpulse.simulator.device;

import io.dealerpulse.simulator.network.CounterKind;
import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.scenario.SiteDay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The devices of one site - its door counter (AXIS or Milesight) and its kiosk - rendering the site's
 * days into the MQTT messages they publish. Feed days in date order (counters keep running totals).
 */
public final class SiteDevices {
    public static final Duration MILESIGHT_INTERVAL = Duration.ofMinutes(5);

    private final SiteProfile site;
    private final AxisCamera axis;
    private final MilesightCounter milesight;
    private final Kiosk kiosk;

    /** @param countersSince when the door counter was installed (AXIS counts from there) */
    public SiteDevices(SiteProfile site, Instant countersSince) {
        this.site = site;
        this.axis = site.counter() == CounterKind.AXIS ? new AxisCamera(site, countersSince) : null;
        this.milesight = site.counter() == CounterKind.MILESIGHT ? new MilesightCounter(site, MILESIGHT_INTERVAL) : null;
        this.kiosk = new Kiosk(site);
    }

    public SiteProfile site() {
        return site;
    }

    public AxisCamera axis() {
        return axis;
    }

    public MilesightCounter milesight() {
        return milesight;
    }

    public Kiosk kiosk() {
        return kiosk;
    }

    /** Every message of the day, ordered by publish time (counter before kiosk on ties). */
    public List<DeviceMessage> messages(SiteDay day) {
        List<DeviceMessage> messages = new ArrayList<>();
        if (axis != null) {
            axis.readings(day).forEach(r -> messages.add(axis.message(r)));
        } else {
            milesight.reports(day).forEach(r -> messages.add(milesight.message(r)));
        }
        messages.addAll(kiosk.messages(day));
        messages.sort(Comparator.comparing(DeviceMessage::publishAt));
        return messages;
    }
}
