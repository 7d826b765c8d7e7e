package io.dealerpulse.jobs.score;

/** A closed day's daily result in keyed state (Flink POJO; enums as their names). */
public class DailyState {
    private double score;
    private boolean valid;
    private String tier;
    private String trend;

    /** For Flink's POJO serializer. */
    public DailyState() {}

    public static DailyState of(SiteScore s) {
        DailyState d = new DailyState();
        d.score = s.score();
        d.valid = s.valid();
        d.tier = s.tier().name();
        d.trend = s.trend().name();
        return d;
    }

    public DailyHistory.Day day() {
        return new DailyHistory.Day(score, valid, Tier.valueOf(tier), Trend.valueOf(trend));
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

    public String getTrend() {
        return trend;
    }

    public void setTrend(String trend) {
        this.trend = trend;
    }
}
