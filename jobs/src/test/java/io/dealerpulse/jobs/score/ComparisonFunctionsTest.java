package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.kpi.StaffingStatus;
import io.dealerpulse.jobs.kpi.StaffingWindow;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.api.java.functions.KeySelector;
import org.junit.jupiter.api.Test;

class ComparisonFunctionsTest {
    private static final LocalDate D = LocalDate.of(2026, 6, 15);
    private static final ScoreOptions OPTIONS = ScoreOptions.defaults();

    private static <T> KeyedOneInputStreamOperatorTestHarness<String, T, InfluxPoint> harness(
            KeyedProcessFunction<String, T, InfluxPoint> function, KeySelector<T, String> key) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, T, InfluxPoint> h =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function), key, Types.STRING);
        Configuration noKryo = new Configuration();
        noKryo.set(PipelineOptions.GENERIC_TYPES, false);
        h.getExecutionConfig().configure(noKryo, ComparisonFunctionsTest.class.getClassLoader());
        h.open();
        return h;
    }

    private static DailySiteScore daily(String site, String region, LocalDate date, double score, boolean valid) {
        SiteTags tags = new SiteTags(site, "Dealer " + site, region, "ig-1", "FR", 0, 0, false);
        Components none = new Components(Component.none(0), Component.none(0), Component.none(0), Component.none(0),
                Component.none(0));
        SiteScore s = new SiteScore(none, valid ? score : 0, valid, Tier.of(score, valid, OPTIONS), Trend.STABLE);
        return DailySiteScore.of(tags, date, s);
    }

    private static List<InfluxPoint> of(KeyedOneInputStreamOperatorTestHarness<String, ?, InfluxPoint> h, String m) {
        return h.extractOutputValues().stream().filter(p -> p.getMeasurement().equals(m)).toList();
    }

    @Test
    void aDateIsWrittenWhenEveryKnownSiteClosedItAndRewrittenWhenALateSiteArrives() throws Exception {
        var h = harness(new DailyComparisonFunction(OPTIONS), DailySiteScore::getCountry);
        h.setProcessingTime(0);
        // day D−1: a and b known
        h.processElement(new StreamRecord<>(daily("a", "north", D.minusDays(1), 70, true)));
        h.processElement(new StreamRecord<>(daily("b", "south", D.minusDays(1), 80, true)));
        int afterFirstDay = h.extractOutputValues().size();
        // day D: a closes it; b has not yet → nothing written
        h.processElement(new StreamRecord<>(daily("a", "north", D, 90, true)));
        assertThat(h.extractOutputValues()).hasSize(afterFirstDay);
        // b closes D without a score: complete, written not partial, b excluded
        h.processElement(new StreamRecord<>(daily("b", "south", D, 0, false)));
        List<InfluxPoint> country = of(h, ScorePoints.COMPARISON_DAILY).stream()
                .filter(p -> p.getTags().get("local_date").equals("2026-06-15") && p.getTags().get("scope").equals("country"))
                .toList();
        assertThat(country).hasSize(1);
        assertThat(country.get(0).getTimestampMillis()).isEqualTo(Instant.parse("2026-06-15T00:00:00Z").toEpochMilli());
        assertThat(country.get(0).getDoubleFields()).containsEntry("mean_score", 90.0);
        assertThat(country.get(0).getLongFields()).containsEntry("sites", 1L).containsEntry("platinum", 1L);
        assertThat(country.get(0).getBooleanFields()).containsEntry("partial", false);
        List<InfluxPoint> ranks = of(h, ScorePoints.SITE_RANK_DAILY).stream()
                .filter(p -> p.getTags().get("local_date").equals("2026-06-15")).toList();
        assertThat(ranks).hasSize(1);
        assertThat(ranks.get(0).getLongFields()).containsEntry("rank_region", 1L).containsEntry("rank_country", 1L);
        assertThat(ranks.get(0).getDoubleFields()).containsEntry("percentile_country", 100.0)
                .containsEntry("group_mean", 90.0);
        h.close();
    }

    @Test
    void afterTheGracePeriodADateIsWrittenPartial() throws Exception {
        var h = harness(new DailyComparisonFunction(OPTIONS), DailySiteScore::getCountry);
        h.setProcessingTime(0);
        h.processElement(new StreamRecord<>(daily("a", "north", D.minusDays(1), 70, true)));
        h.processElement(new StreamRecord<>(daily("b", "north", D.minusDays(1), 80, true)));
        h.processElement(new StreamRecord<>(daily("a", "north", D, 60, true)));
        h.setProcessingTime(OPTIONS.comparisonGrace().toMillis() - 1);
        assertThat(of(h, ScorePoints.COMPARISON_DAILY).stream().filter(p -> p.getTags().get("local_date")
                .equals("2026-06-15"))).isEmpty();
        h.setProcessingTime(OPTIONS.comparisonGrace().toMillis());
        List<InfluxPoint> region = of(h, ScorePoints.COMPARISON_DAILY).stream()
                .filter(p -> p.getTags().get("local_date").equals("2026-06-15")).toList();
        assertThat(region).extracting(p -> p.getBooleanFields().get("partial")).containsOnly(true);
        // b arrives late: rewritten complete, with both sites
        h.processElement(new StreamRecord<>(daily("b", "north", D, 80, true)));
        InfluxPoint last = of(h, ScorePoints.COMPARISON_DAILY).stream()
                .filter(p -> p.getTags().get("local_date").equals("2026-06-15") && p.getTags().get("scope").equals("region"))
                .reduce((x, y) -> y).orElseThrow();
        assertThat(last.getBooleanFields()).containsEntry("partial", false);
        assertThat(last.getDoubleFields()).containsEntry("mean_score", 70.0);
        h.close();
    }

    @Test
    void liveComparisonsAndLeaderboardEveryProcessingTimeMinute() throws Exception {
        var h = harness(new LiveComparisonFunction(), LiveSiteScore::getCountry);
        h.setProcessingTime(5_000);
        h.processElement(new StreamRecord<>(live("a", 91.0, true)));
        h.processElement(new StreamRecord<>(live("b", 85.0, true)));
        h.processElement(new StreamRecord<>(live("c", 0.0, false)));
        assertThat(h.extractOutputValues()).isEmpty();
        h.setProcessingTime(60_000);
        List<InfluxPoint> board = of(h, ScorePoints.LEADERBOARD);
        assertThat(board).hasSize(3).allMatch(p -> p.getTimestampMillis() == 60_000);
        InfluxPoint a = board.stream().filter(p -> p.getTags().get("site").equals("a")).findFirst().orElseThrow();
        assertThat(a.getStringFields()).containsEntry("tier", "platinum").containsEntry("status", "ok")
                .containsEntry("name", "Dealer a");
        assertThat(a.getLongFields()).containsEntry("rank_region", 1L).containsEntry("rank_country", 1L);
        assertThat(a.getDoubleFields()).containsEntry("visitors_per_staff", 2.0).containsEntry("latitude", 48.85);
        InfluxPoint c = board.stream().filter(p -> p.getTags().get("site").equals("c")).findFirst().orElseThrow();
        assertThat(c.getLongFields()).containsEntry("rank_region", 0L);
        assertThat(of(h, ScorePoints.COMPARISON_LIVE)).extracting(p -> p.getDoubleFields().get("mean_score"))
                .containsOnly(88.0);
        assertThat(of(h, ScorePoints.SITE_RANK_LIVE)).hasSize(2);
        h.setProcessingTime(120_000);
        assertThat(of(h, ScorePoints.LEADERBOARD)).hasSize(6);
        h.close();
    }

    private static LiveSiteScore live(String site, double score, boolean valid) {
        SiteTags tags = new SiteTags(site, "Dealer " + site, "north", "none", "FR", 48.85, 2.35, true);
        Components none = new Components(Component.none(0), Component.none(0), Component.none(0), Component.none(0),
                Component.none(0));
        StaffingWindow w = new StaffingWindow(site, "north", "none", "FR", Instant.EPOCH, Instant.EPOCH.plusSeconds(900),
                D, 10, 120, 4, 2, 2.0, true, false, StaffingStatus.OK, 0, 0, 0, 0, 0, 0, 0, 1, 4);
        SiteScore s = new SiteScore(none, score, valid, Tier.of(score, valid, OPTIONS), Trend.STABLE);
        return LiveSiteScore.of(new SiteScorer.Scored(tags, D, s, w), Instant.EPOCH);
    }
}
