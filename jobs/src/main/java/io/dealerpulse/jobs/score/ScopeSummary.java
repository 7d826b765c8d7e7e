package io.dealerpulse.jobs.score;

/**
 * Running totals of the site scores in one scope (a region, an investor group or the country) for
 * one date: a partial aggregate, so a scope's figures can be combined from per-partition parts
 * ({@link #plus}) rather than from every site's score in one place. Unweighted mean over the sites
 * with a score; sites without one are not counted.
 */
public record ScopeSummary(double sum, long sites, long platinum, long gold, long silver, long bronze) {
    public static final ScopeSummary EMPTY = new ScopeSummary(0, 0, 0, 0, 0, 0);

    public ScopeSummary with(double score, Tier tier) {
        return plus(new ScopeSummary(score, 1, tier == Tier.PLATINUM ? 1 : 0, tier == Tier.GOLD ? 1 : 0,
                tier == Tier.SILVER ? 1 : 0, tier == Tier.BRONZE ? 1 : 0));
    }

    public ScopeSummary plus(ScopeSummary o) {
        return new ScopeSummary(sum + o.sum, sites + o.sites, platinum + o.platinum, gold + o.gold,
                silver + o.silver, bronze + o.bronze);
    }

    /** Mean score; 0.0 when no site has a score ({@link #valid()} false). */
    public double mean() {
        return sites == 0 ? 0.0 : sum / sites;
    }

    public boolean valid() {
        return sites > 0;
    }
}
