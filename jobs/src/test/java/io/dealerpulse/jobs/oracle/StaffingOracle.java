package io.dealerpulse.jobs.oracle;

import io.dealerpulse.events.SiteRegistryVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The golden batch computation of the staffing windows and the stream accounting, written from
 * DESIGN.md ("Precise definitions") and docs/staffing-window-contract.md only, independently of the
 * Flink operators. It replays the arrivals once to classify them on each site's clock, then, per
 * site, lists every open slot that has closed on the final clock and computes each one from scratch
 * as of the end of its local day. Plain loops over lists; no Flink, no incremental state.
 */
public final class StaffingOracle {
    private StaffingOracle() {}

    public static OracleResult compute(List<Arrival> arrivals, OracleOptions options) {
        Map<String, SiteVersions> registry = registryOf(arrivals);
        ArrivalLedger ledger = new ArrivalLedger(options, registry);
        ledger.replay(arrivals);
        Map<String, Instant> clocks = ledger.siteClocks();

        List<ExpectedWindow> windows = new ArrayList<>();
        for (Map.Entry<String, SiteVersions> site : new TreeMap<>(registry).entrySet()) {
            Instant clock = clocks.get(site.getKey());
            if (clock == null) {
                continue; // no agent event yet: the site's clock has not started, nothing closed
            }
            WindowCalculator calculator = new WindowCalculator(site.getValue(), ledger.usableEvents(site.getKey()));
            for (Instant start : closedOpenSlots(site.getValue(), clock)) {
                windows.add(calculator.compute(start));
            }
        }
        return new OracleResult(List.copyOf(windows), ledger.accounting(), clocks);
    }

    /**
     * Open slots whose end is at or before the clock, each under the version in force at its start.
     * Dates are enumerated from the day before each version's effective_from to the clock's date.
     */
    static List<Instant> closedOpenSlots(SiteVersions versions, Instant clock) {
        TreeMap<Instant, Boolean> slots = new TreeMap<>();
        for (SiteRegistryVersion version : versions.all()) {
            ZoneId zone = SiteVersions.zone(version);
            LocalDate last = clock.atZone(zone).toLocalDate();
            for (LocalDate date = version.getEffectiveFrom().atZone(zone).toLocalDate().minusDays(1);
                    !date.isAfter(last); date = date.plusDays(1)) {
                for (Instant start : SiteVersions.slotsOf(date, zone)) {
                    if (versions.inForceAt(start) == version && !start.plus(SiteVersions.SLOT).isAfter(clock)
                            && SiteVersions.isOpen(version, start)) {
                        slots.put(start, true);
                    }
                }
            }
        }
        return List.copyOf(slots.keySet());
    }

    /** Registry versions per site, first occurrence of each event id. */
    private static Map<String, SiteVersions> registryOf(List<Arrival> arrivals) {
        Map<String, List<SiteRegistryVersion>> bySite = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Arrival arrival : arrivals) {
            if (arrival.record() instanceof SiteRegistryVersion version && seen.add(version.getEventId())) {
                bySite.computeIfAbsent(version.getSiteId(), s -> new ArrayList<>()).add(version);
            }
        }
        Map<String, SiteVersions> registry = new HashMap<>();
        bySite.forEach((site, versions) -> registry.put(site, new SiteVersions(versions)));
        return registry;
    }
}
