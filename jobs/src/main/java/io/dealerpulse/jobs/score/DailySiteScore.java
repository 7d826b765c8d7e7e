package io.dealerpulse.jobs.score;

import java.time.LocalDate;

/**
 * One site's daily score of one local date, sent to the daily comparisons (a Flink POJO). Sent for
 * every date the site closes, with or without a score, so the comparison knows the site closed it.
 */
public class DailySiteScore {
    private String site;
    private String name;
    private String region;
    private String investorGroup;
    private String country;
    private long epochDay;
    private double score;
    private boolean valid;
    private String tier;

    /** For Flink's POJO serializer. */
    public DailySiteScore() {}

    public static DailySiteScore of(SiteTags tags, LocalDate date, SiteScore score) {
        DailySiteScore d = new DailySiteScore();
        d.site = tags.site();
        d.name = tags.name();
        d.region = tags.region();
        d.investorGroup = tags.investorGroup();
        d.country = tags.country();
        d.epochDay = date.toEpochDay();
        d.score = score.score();
        d.valid = score.valid();
        d.tier = score.tier().name();
        return d;
    }

    public SiteTags tags() {
        return new SiteTags(site, name, region, investorGroup, country, 0, 0, false);
    }

    public LocalDate date() {
        return LocalDate.ofEpochDay(epochDay);
    }

    public DailyComparison.SiteEntry entry() {
        return new DailyComparison.SiteEntry(tags(), score, valid, Tier.valueOf(tier));
    }

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = site;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getInvestorGroup() {
        return investorGroup;
    }

    public void setInvestorGroup(String investorGroup) {
        this.investorGroup = investorGroup;
    }

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country;
    }

    public long getEpochDay() {
        return epochDay;
    }

    public void setEpochDay(long epochDay) {
        this.epochDay = epochDay;
    }

    public double getScore() {
        return score;
    }

    public void setScore(double score) {
        this.score = score;
    }

    public boolean isValid() {
        return valid;
    }

    public void setValid(boolean valid) {
        this.valid = valid;
    }

    public String getTier() {
        return tier;
    }

    public void setTier(String tier) {
        this.tier = tier;
    }
}
