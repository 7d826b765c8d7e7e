package io.dealerpulse.simulator.network;

import java.time.ZoneId;

/**
 * One simulated dealership: its registry data (what the site registry import says about it) and the
 * behaviour the generator gives it (how busy, how many advisors, how good at receiving customers).
 *
 * @param dailyCustomers mean customers checking in on a full weekday
 * @param advisors advisors on the site's roster
 * @param serviceQuality 0..1, shifts survey and feedback answers up (a well-run reception)
 * @param counter the reception door counter's make
 * @param deviceSerial the counter's serial (AXIS serial or Milesight device_sn)
 */
public record SiteProfile(
        String id,
        String name,
        Region region,
        String investorGroup,
        WeeklyHours hours,
        double targetMin,
        double targetMax,
        double latitude,
        double longitude,
        int dailyCustomers,
        int advisors,
        double serviceQuality,
        CounterKind counter,
        String deviceSerial) {

    public ZoneId zone() {
        return region.zone();
    }

    /** AXIS topic prefix, the device id the agent knows the camera by. */
    public String axisPrefix() {
        return "axis/" + deviceSerial;
    }

    /** The Milesight counter's line uuid for the reception door (stable per device). */
    public String milesightLineUuid() {
        String hex = String.format("%012x", Math.abs((long) deviceSerial.hashCode()) & 0xffffffffffffL);
        return "0f6f3d2e-1111-4c4c-9a9a-" + hex;
    }

    /** The reception kiosk's id. */
    public String kioskId() {
        return "kiosk-" + id.toLowerCase(java.util.Locale.ROOT);
    }

    /** The site's agent id (heartbeat device id). */
    public String agentId() {
        return "agent-" + id.toLowerCase(java.util.Locale.ROOT);
    }
}
