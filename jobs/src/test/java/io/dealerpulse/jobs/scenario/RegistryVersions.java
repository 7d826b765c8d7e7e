package io.dealerpulse.jobs.scenario;

import io.dealerpulse.events.DatedException;
import io.dealerpulse.events.LocalInterval;
import io.dealerpulse.events.OpeningInterval;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.Weekday;
import io.dealerpulse.schemas.EventIds;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Fluent builder of a {@link SiteRegistryVersion} with readable local hours ("08:00-12:00"). */
public final class RegistryVersions {
    public static final String SOURCE = "registry.csv";

    private final SiteRegistryVersion.Builder builder;
    private final List<OpeningInterval> weekly = new ArrayList<>();
    private final List<DatedException> exceptions = new ArrayList<>();

    private RegistryVersions(String siteId, String timeZone) {
        builder = SiteRegistryVersion.newBuilder()
                .setSiteId(siteId)
                .setDeviceId(SOURCE)
                .setName("Dealership " + siteId)
                .setRegion("region-1")
                .setZoneManager("zm-1")
                .setInvestorGroup(null)
                .setCountry("FR")
                .setTimeZone(timeZone)
                .setTargetMin(2.0)
                .setTargetMax(6.0);
    }

    public static RegistryVersions site(String siteId, String timeZone) {
        return new RegistryVersions(siteId, timeZone);
    }

    public RegistryVersions region(String region) {
        builder.setRegion(region);
        return this;
    }

    public RegistryVersions country(String country) {
        builder.setCountry(country);
        return this;
    }

    public RegistryVersions investorGroup(String group) {
        builder.setInvestorGroup(group);
        return this;
    }

    public RegistryVersions band(double min, double max) {
        builder.setTargetMin(min).setTargetMax(max);
        return this;
    }

    /** The same intervals on every weekday, e.g. {@code everyDay("08:00-12:00", "13:30-18:00")}. */
    public RegistryVersions everyDay(String... intervals) {
        for (Weekday day : Weekday.values()) {
            for (String interval : intervals) {
                int[] minutes = minutes(interval);
                weekly.add(new OpeningInterval(day, minutes[0], minutes[1]));
            }
        }
        return this;
    }

    /** A dated exception; no intervals = closed that day. */
    public RegistryVersions exception(LocalDate date, String reason, String... intervals) {
        List<LocalInterval> local = new ArrayList<>();
        for (String interval : intervals) {
            int[] minutes = minutes(interval);
            local.add(new LocalInterval(minutes[0], minutes[1]));
        }
        exceptions.add(new DatedException(date, local, reason));
        return this;
    }

    public SiteRegistryVersion effectiveFrom(Instant effectiveFrom) {
        return builder
                .setEventId(EventIds.of(SOURCE, builder.getSiteId(), effectiveFrom.toEpochMilli()))
                .setWeeklyHours(List.copyOf(weekly))
                .setExceptions(List.copyOf(exceptions))
                .setEffectiveFrom(effectiveFrom)
                .setEventTime(effectiveFrom)
                .setReceivedTime(effectiveFrom)
                .build();
    }

    /** "HH:mm-HH:mm" to minutes after local midnight; "24:00" is 1440. */
    static int[] minutes(String interval) {
        String[] parts = interval.split("-");
        return new int[] {minuteOf(parts[0]), minuteOf(parts[1])};
    }

    private static int minuteOf(String hhmm) {
        String[] hm = hhmm.trim().split(":");
        return Integer.parseInt(hm[0]) * 60 + Integer.parseInt(hm[1]);
    }
}
