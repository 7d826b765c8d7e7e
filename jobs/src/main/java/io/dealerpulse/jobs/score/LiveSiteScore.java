package io.dealerpulse.jobs.score;

import io.dealerpulse.jobs.kpi.StaffingWindow;

/**
 * A site's latest live score with what the leaderboard shows next to it (a Flink POJO), sent to the
 * live comparisons at every minute the site's clock reaches.
 */
public class LiveSiteScore {
    private String site;
    private String name;
    private String region;
    private String investorGroup;
    private String country;
    private double latitude;
    private double longitude;
    private boolean hasCoordinates;
    private long time;
    private double score;
    private boolean valid;
    private String tier;
    private String trend;
    private double visitorsPerStaff;
    private boolean ratioValid;
    private String status;

    /** For Flink's POJO serializer. */
    public LiveSiteScore() {}

    public static LiveSiteScore of(SiteScorer.Scored scored, java.time.Instant t) {
        LiveSiteScore l = new LiveSiteScore();
        SiteTags tags = scored.tags();
        l.site = tags.site();
        l.name = tags.name();
        l.region = tags.region();
        l.investorGroup = tags.investorGroup();
        l.country = tags.country();
        l.latitude = tags.latitude();
        l.longitude = tags.longitude();
        l.hasCoordinates = tags.hasCoordinates();
        l.time = t.toEpochMilli();
        l.score = scored.score().score();
        l.valid = scored.score().valid();
        l.tier = scored.score().tier().name();
        l.trend = scored.score().trend().name();
        StaffingWindow w = scored.latestWindow();
        l.visitorsPerStaff = w == null ? 0.0 : w.visitorsPerStaff();
        l.ratioValid = w != null && w.ratioValid();
        l.status = w == null ? "none" : w.status().code();
        return l;
    }

    public SiteTags tags() {
        return new SiteTags(site, name, region, investorGroup, country, latitude, longitude, hasCoordinates);
    }

    public DailyComparison.SiteEntry entry() {
        return new DailyComparison.SiteEntry(tags(), score, valid, Tier.valueOf(tier));
    }

    public String getSite() { return site; }
    public void setSite(String site) { this.site = site; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public String getInvestorGroup() { return investorGroup; }
    public void setInvestorGroup(String investorGroup) { this.investorGroup = investorGroup; }
    public String getCountry() { return country; }
    public void setCountry(String country) { this.country = country; }
    public double getLatitude() { return latitude; }
    public void setLatitude(double latitude) { this.latitude = latitude; }
    public double getLongitude() { return longitude; }
    public void setLongitude(double longitude) { this.longitude = longitude; }
    public boolean isHasCoordinates() { return hasCoordinates; }
    public void setHasCoordinates(boolean hasCoordinates) { this.hasCoordinates = hasCoordinates; }
    public long getTime() { return time; }
    public void setTime(long time) { this.time = time; }
    public double getScore() { return score; }
    public void setScore(double score) { this.score = score; }
    public boolean isValid() { return valid; }
    public void setValid(boolean valid) { this.valid = valid; }
    public String getTier() { return tier; }
    public void setTier(String tier) { this.tier = tier; }
    public String getTrend() { return trend; }
    public void setTrend(String trend) { this.trend = trend; }
    public double getVisitorsPerStaff() { return visitorsPerStaff; }
    public void setVisitorsPerStaff(double visitorsPerStaff) { this.visitorsPerStaff = visitorsPerStaff; }
    public boolean isRatioValid() { return ratioValid; }
    public void setRatioValid(boolean ratioValid) { this.ratioValid = ratioValid; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
}
