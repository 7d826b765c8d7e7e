package io.dealerpulse.simulator.scenario;

import io.dealerpulse.simulator.network.NetworkGenerator;
import io.dealerpulse.simulator.network.SiteProfile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scenario builder shared by tests, the demo and benchmarks: a seeded network of sites, and any
 * local day of any of them, always the same for the same seed. Days are generated on demand (each
 * from its own derived seed) and kept.
 *
 * <pre>{@code
 * NetworkScenario network = NetworkScenario.of(8, 42L);
 * SiteDay day = network.day(network.sites().get(0), LocalDate.of(2026, 3, 2));
 * }</pre>
 */
public final class NetworkScenario {
    private final List<SiteProfile> sites;
    private final long seed;
    private final Map<String, SiteDay> days = new ConcurrentHashMap<>();

    private NetworkScenario(List<SiteProfile> sites, long seed) {
        this.sites = List.copyOf(sites);
        this.seed = seed;
    }

    public static NetworkScenario of(int siteCount, long seed) {
        return new NetworkScenario(NetworkGenerator.generate(siteCount, seed), seed);
    }

    /** A scenario over hand-made sites (tests that need a particular site). */
    public static NetworkScenario of(List<SiteProfile> sites, long seed) {
        return new NetworkScenario(sites, seed);
    }

    public List<SiteProfile> sites() {
        return sites;
    }

    public long seed() {
        return seed;
    }

    public Optional<SiteProfile> site(String id) {
        return sites.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public SiteDay day(SiteProfile site, LocalDate date) {
        return days.computeIfAbsent(site.id() + "@" + date, k -> SiteDayGenerator.generate(site, date, seed));
    }

    /** The site's days from {@code from} to {@code to}, both included, in date order. */
    public List<SiteDay> days(SiteProfile site, LocalDate from, LocalDate to) {
        List<SiteDay> result = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            result.add(day(site, d));
        }
        return result;
    }
}
