package io.dealerpulse.simulator.publish;

import io.dealerpulse.simulator.device.SiteDevices;
import io.dealerpulse.simulator.history.AgentHistory;
import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.scenario.NetworkScenario;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scenario together with the running state of its devices (counter totals) and the keys its agents
 * use, shared by the back-fill and the live phase so the live phase continues where history stopped.
 *
 * @param now the simulated instant at which history ends and the live phase starts
 */
public final class SimulatedNetwork {
    /** Secrets of the demo network (never use these outside a simulation). */
    public static final String DEMO_NETWORK_KEY = "demo-network-key-0123456789abcdef";

    private final NetworkScenario scenario;
    private final Instant now;
    private final String networkKey;
    private final Map<String, SiteDevices> devices = new LinkedHashMap<>();
    private final Map<String, AgentHistory> histories = new LinkedHashMap<>();

    public SimulatedNetwork(NetworkScenario scenario, Instant now, int historyDays) {
        this.scenario = scenario;
        this.now = now;
        this.networkKey = DEMO_NETWORK_KEY;
        for (SiteProfile site : scenario.sites()) {
            // Counters were installed a month before the history starts.
            Instant installed = localDate(site).minusDays(historyDays + 30L).atStartOfDay(site.zone()).toInstant();
            SiteDevices siteDevices = new SiteDevices(site, installed);
            devices.put(site.id(), siteDevices);
            histories.put(site.id(), new AgentHistory(site, siteDevices, siteKey(site), networkKey,
                    now.minus(Duration.ofDays(historyDays + 1L))));
        }
    }

    public NetworkScenario scenario() {
        return scenario;
    }

    public Instant now() {
        return now;
    }

    public String networkKey() {
        return networkKey;
    }

    /** The per-site badge key of the demo (the agent's {@code privacy.site-key}). */
    public static String siteKey(SiteProfile site) {
        return "demo-site-key-" + site.id() + "-0123456789";
    }

    public SiteDevices devices(SiteProfile site) {
        return devices.get(site.id());
    }

    public AgentHistory history(SiteProfile site) {
        return histories.get(site.id());
    }

    /** The site's local date at {@link #now()}. */
    public LocalDate localDate(SiteProfile site) {
        return LocalDate.ofInstant(now, site.zone());
    }
}
