package io.dealerpulse.importer.rows;

import io.dealerpulse.events.SiteRegistryVersion;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sites of a registry file given with {@code --registry}: which site ids exist and their time
 * zone, to reject rows of unknown sites and read local times. A site with several versions takes the
 * zone of its latest version (a site does not move; a zone correction applies to the whole file).
 */
public final class SiteDirectory {
    private final Map<String, ZoneId> zones;

    private SiteDirectory(Map<String, ZoneId> zones) {
        this.zones = Map.copyOf(zones);
    }

    public static SiteDirectory of(List<SiteRegistryVersion> versions) {
        Map<String, SiteRegistryVersion> latest = new HashMap<>();
        for (SiteRegistryVersion version : versions) {
            latest.merge(version.getSiteId(), version,
                    (a, b) -> b.getEffectiveFrom().isBefore(a.getEffectiveFrom()) ? a : b);
        }
        Map<String, ZoneId> zones = new HashMap<>();
        latest.forEach((site, version) -> zones.put(site, ZoneId.of(version.getTimeZone())));
        return new SiteDirectory(zones);
    }

    /** The site's zone; rejects a site the registry does not list. */
    public ZoneId require(String siteId) throws RowRejection {
        ZoneId zone = zones.get(siteId);
        if (zone == null) {
            throw new RowRejection(RejectReason.UNKNOWN_SITE, "site '" + siteId + "' is not in the registry file given"
                    + " with --registry: fix the site id, or add the site to the registry and import it first");
        }
        return zone;
    }

    public Set<String> siteIds() {
        return zones.keySet();
    }
}
