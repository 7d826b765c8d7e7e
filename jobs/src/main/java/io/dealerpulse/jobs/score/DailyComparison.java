package io.dealerpulse.jobs.score;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Comparisons of one set of sites (all sites of a country on one date, or every site's latest live
 * score) — pure arithmetic: per-scope summaries (region, investor group, country; sites without a
 * score excluded) and each scored site's rank and percentile in its region and country. Each site
 * is counted under the tags it carries, i.e. the registry version in force on that date, so a site
 * that moved region counts in its old region before the move and in its new one after.
 *
 * <p>Deterministic: sites are summed in site-id order, so a replay gives bit-identical means.
 */
public final class DailyComparison {
    public static final String REGION = "region";
    public static final String INVESTOR_GROUP = "investor_group";
    public static final String COUNTRY = "country";

    /** One site's score on the date (valid false: the site closed the date without a score). */
    public record SiteEntry(SiteTags tags, double score, boolean valid, Tier tier) {}

    /** One scope's summary, e.g. ("region", "north"). */
    public record ScopeKey(String scope, String name) {}

    /** A scored site's place in its region and country, with the means it is compared with. */
    public record SitePlace(SiteEntry site, Ranking.Position inRegion, Ranking.Position inCountry,
            ScopeSummary region, ScopeSummary country, ScopeSummary group) {}

    private final Map<ScopeKey, ScopeSummary> scopes;
    private final List<SitePlace> places;

    private DailyComparison(Map<ScopeKey, ScopeSummary> scopes, List<SitePlace> places) {
        this.scopes = scopes;
        this.places = places;
    }

    public static DailyComparison of(Collection<SiteEntry> entries) {
        Map<String, SiteEntry> bySite = new TreeMap<>();
        entries.forEach(e -> bySite.put(e.tags().site(), e));
        Map<ScopeKey, ScopeSummary> scopes = new TreeMap<>(
                java.util.Comparator.comparing(ScopeKey::scope).thenComparing(ScopeKey::name));
        Map<String, Map<String, Double>> regionScores = new HashMap<>();
        Map<String, Map<String, Double>> countryScores = new HashMap<>();
        for (SiteEntry e : bySite.values()) {
            if (!e.valid()) {
                continue;
            }
            SiteTags t = e.tags();
            scopes.merge(new ScopeKey(REGION, t.region()), ScopeSummary.EMPTY.with(e.score(), e.tier()), ScopeSummary::plus);
            scopes.merge(new ScopeKey(COUNTRY, t.country()), ScopeSummary.EMPTY.with(e.score(), e.tier()),
                    ScopeSummary::plus);
            if (t.hasInvestorGroup()) {
                scopes.merge(new ScopeKey(INVESTOR_GROUP, t.investorGroup()), ScopeSummary.EMPTY.with(e.score(), e.tier()),
                        ScopeSummary::plus);
            }
            regionScores.computeIfAbsent(t.region(), r -> new HashMap<>()).put(t.site(), e.score());
            countryScores.computeIfAbsent(t.country(), c -> new HashMap<>()).put(t.site(), e.score());
        }
        Map<String, Map<String, Ranking.Position>> regionRanks = new HashMap<>();
        regionScores.forEach((r, scores) -> regionRanks.put(r, Ranking.of(scores)));
        Map<String, Map<String, Ranking.Position>> countryRanks = new HashMap<>();
        countryScores.forEach((c, scores) -> countryRanks.put(c, Ranking.of(scores)));
        List<SitePlace> places = new ArrayList<>();
        for (SiteEntry e : bySite.values()) {
            if (!e.valid()) {
                continue;
            }
            SiteTags t = e.tags();
            places.add(new SitePlace(e, regionRanks.get(t.region()).get(t.site()),
                    countryRanks.get(t.country()).get(t.site()), scopes.get(new ScopeKey(REGION, t.region())),
                    scopes.get(new ScopeKey(COUNTRY, t.country())),
                    t.hasInvestorGroup() ? scopes.get(new ScopeKey(INVESTOR_GROUP, t.investorGroup())) : null));
        }
        return new DailyComparison(scopes, places);
    }

    /** Scopes with at least one scored site, in (scope, name) order. */
    public Map<ScopeKey, ScopeSummary> scopes() {
        return scopes;
    }

    /** Scored sites in site-id order. */
    public List<SitePlace> places() {
        return places;
    }
}
