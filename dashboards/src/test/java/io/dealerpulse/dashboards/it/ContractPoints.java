package io.dealerpulse.dashboards.it;

import io.dealerpulse.dashboards.it.InfluxRows.Row;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points shaped exactly as docs/score-contract.md (the score measurements, for a panel whose filter
 * the run's data never meets, e.g. a trend) and Flink's InfluxDB reporter define them, for what the
 * pipeline run does not write: one per site, with that site's tags. A panel on such a measurement
 * must find its fields here — a misspelled field or tag returns no rows. (The leaderboard and the
 * pipeline-health measurements are checked on the run's own points.)
 */
final class ContractPoints {
    private ContractPoints() {}

    /** Line protocol for every site (site, region, investor_group, country) of the raw windows. */
    static String lines(List<Row> windows, Instant at, Instant localMidnight, String localDate) {
        Map<String, Row> sites = new LinkedHashMap<>();
        windows.forEach(r -> sites.putIfAbsent(r.str("site"), r));
        StringBuilder b = new StringBuilder();
        long t = at.toEpochMilli() * 1_000_000L;
        long day = localMidnight.toEpochMilli() * 1_000_000L;
        String scoreFields = "score=85.5,score_valid=true,tier=\"gold\",trend=\"improving\","
                + "satisfaction=0.8,waiting=0.9,staffing=0.7,appointments=0.95,feedback=0.85,"
                + "satisfaction_valid=true,waiting_valid=true,staffing_valid=true,appointments_valid=true,"
                + "feedback_valid=true,satisfaction_n=12i,waiting_n=40i,staffing_n=30i,appointments_n=20i,"
                + "feedback_n=3i,components_with_data=4i";
        String noFeedback = noFeedbackSite(windows);
        for (Row r : sites.values()) {
            String fields = r.str("site").equals(noFeedback)
                    ? scoreFields.replace("feedback=0.85", "feedback=0.0").replace("feedback_valid=true", "feedback_valid=false")
                    : scoreFields;
            String tags = ",site=" + r.str("site") + ",region=" + r.str("region") + ",investor_group="
                    + r.str("investor_group") + ",country=" + r.str("country");
            b.append("site_score").append(tags).append(' ').append(fields).append(' ').append(t).append('\n');
            b.append("site_score_daily").append(tags).append(",local_date=").append(localDate).append(' ')
                    .append(scoreFields).append(' ').append(day).append('\n');
            b.append("tier_change").append(tags).append(",local_date=").append(localDate)
                    .append(" kind=\"dropped\",from_tier=\"gold\",to_tier=\"silver\",from_trend=\"stable\",")
                    .append("to_trend=\"declining\",message=\"dropped to Silver\" ").append(day).append('\n');
            b.append("site_rank_daily").append(tags).append(",local_date=").append(localDate)
                    .append(" rank_region=1i,rank_country=3i,percentile_region=100.0,percentile_country=75.0,")
                    .append("region_mean=80.0,country_mean=78.5,group_mean=81.0,group_valid=true ").append(day).append('\n');
        }
        sites.values().stream().map(r -> r.str("region")).distinct().forEach(region -> b
                .append("comparison_daily,scope=region,name=").append(region).append(",local_date=").append(localDate)
                .append(" mean_score=80.0,sites=2i,platinum=0i,gold=1i,silver=1i,bronze=0i,partial=false ")
                .append(day).append('\n'));
        return b.toString();
    }

    /** The site whose feedback component has no data (fewer presses than the minimum): 0.0 and valid = false. */
    static String noFeedbackSite(List<Row> windows) {
        return windows.stream().map(r -> r.str("site")).sorted().findFirst().orElseThrow();
    }

    /** Flink's InfluxDB reporter: measurement = metric identifier, field "value", scope variables as tags. */
    static String flinkMetrics(Instant at) {
        long t = at.toEpochMilli() * 1_000_000L;
        return "taskmanager_job_task_operator_pendingRecords,operator_name=Source:\\ Kafka,job_name=DealerPulse value=5i " + t
                + "\njobmanager_job_lastCheckpointDuration,job_name=DealerPulse value=120i " + t + "\n";
    }
}
