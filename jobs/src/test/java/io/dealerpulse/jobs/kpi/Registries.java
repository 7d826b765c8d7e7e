package io.dealerpulse.jobs.kpi;

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

/** Test registry versions: a fluent builder with readable defaults (every day 08:00–18:00, band 1–4). */
public final class Registries {
    private final String siteId;
    private final String zone;
    private Instant effectiveFrom = Instant.parse("2020-01-01T00:00:00Z");
    private final List<OpeningInterval> weekly = new ArrayList<>();
    private final List<DatedException> exceptions = new ArrayList<>();
    private double targetMin = 1.0;
    private double targetMax = 4.0;
    private String region = "north";
    private String investorGroup = "ig-1";

    private Registries(String siteId, String zone) {
        this.siteId = siteId;
        this.zone = zone;
    }

    public static Registries site(String siteId, String zone) {
        return new Registries(siteId, zone);
    }

    /** Same hours on all seven weekdays (call several times for a lunch closure). */
    public Registries everyDay(String open, String close) {
        for (Weekday day : Weekday.values()) {
            on(day, open, close);
        }
        return this;
    }

    public Registries on(Weekday day, String open, String close) {
        weekly.add(OpeningInterval.newBuilder().setDayOfWeek(day).setOpenMinute(minute(open))
                .setCloseMinute(minute(close)).build());
        return this;
    }

    public Registries closedOn(LocalDate date) {
        exceptions.add(DatedException.newBuilder().setDate(date).setIntervals(List.of()).setReason("holiday").build());
        return this;
    }

    public Registries exceptionOn(LocalDate date, String open, String close) {
        exceptions.add(DatedException.newBuilder().setDate(date)
                .setIntervals(List.of(LocalInterval.newBuilder().setOpenMinute(minute(open))
                        .setCloseMinute(minute(close)).build()))
                .setReason("special hours").build());
        return this;
    }

    public Registries band(double min, double max) {
        this.targetMin = min;
        this.targetMax = max;
        return this;
    }

    public Registries region(String region) {
        this.region = region;
        return this;
    }

    public Registries independent() {
        this.investorGroup = null;
        return this;
    }

    public Registries effectiveFrom(Instant effectiveFrom) {
        this.effectiveFrom = effectiveFrom;
        return this;
    }

    public SiteRegistryVersion build() {
        return SiteRegistryVersion.newBuilder()
                .setEventId(EventIds.of("registry-test", siteId, effectiveFrom))
                .setSiteId(siteId)
                .setDeviceId("registry-test")
                .setName("Dealer " + siteId)
                .setRegion(region)
                .setInvestorGroup(investorGroup)
                .setCountry("FR")
                .setTimeZone(zone)
                .setWeeklyHours(new ArrayList<>(weekly))
                .setExceptions(new ArrayList<>(exceptions))
                .setTargetMin(targetMin)
                .setTargetMax(targetMax)
                .setEffectiveFrom(effectiveFrom)
                .setEventTime(effectiveFrom)
                .setReceivedTime(effectiveFrom)
                .build();
    }

    private static int minute(String hhmm) {
        String[] parts = hhmm.split(":");
        return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
    }
}
