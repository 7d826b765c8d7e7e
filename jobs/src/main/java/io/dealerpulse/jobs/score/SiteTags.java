package io.dealerpulse.jobs.score;

import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.kpi.WindowCalculator;

/** The tags of a site's score points, from the registry version in force at the point's instant. */
public record SiteTags(String site, String name, String region, String investorGroup, String country,
        double latitude, double longitude, boolean hasCoordinates) {

    public static SiteTags of(SiteRegistryVersion v) {
        boolean coordinates = v.getLatitude() != null && v.getLongitude() != null;
        return new SiteTags(v.getSiteId(), v.getName(), v.getRegion(),
                v.getInvestorGroup() == null ? WindowCalculator.NO_INVESTOR_GROUP : v.getInvestorGroup(),
                v.getCountry(), coordinates ? v.getLatitude() : 0.0, coordinates ? v.getLongitude() : 0.0, coordinates);
    }

    public boolean hasInvestorGroup() {
        return !WindowCalculator.NO_INVESTOR_GROUP.equals(investorGroup);
    }
}
