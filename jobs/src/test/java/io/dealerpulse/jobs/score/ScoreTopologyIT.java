package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.pipeline.SiteInput;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ScoreTopology} on a MiniCluster at parallelism 2, with generic types (Kryo) disabled, fed
 * with hand-made signals of three sites in two regions over two local days: the live, daily and
 * comparison points are written with the expected values. One run shared by the assertions.
 */
class ScoreTopologyIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Monday 2026-06-15 10:00 Paris; the local day starts 2026-06-14T22:00Z. */
    private static final Instant MONDAY_TEN = Instant.parse("2026-06-15T08:00:00Z");
    private static final Instant MONDAY_MIDNIGHT = Instant.parse("2026-06-14T22:00:00Z");
    private static final Instant TUESDAY_NOON = Instant.parse("2026-06-16T10:00:00Z");
    private static final Duration OUT_OF_ORDERNESS = Duration.ofMinutes(2);

    private static List<InfluxPoint> points;

    @BeforeAll
    static void runOnce() throws Exception {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        List<ScoreSignal> signals = new ArrayList<>();
        // positive feedback shares on Monday: a 100 %, b 80 %, c 60 % → scores 100, 80, 60
        site(signals, "a", "north", 5);
        site(signals, "b", "north", 4);
        site(signals, "c", "south", 3);
        PointCollector sink = new PointCollector();
        ScoreTopology.attach(env.fromData(signals, TypeInformation.of(ScoreSignal.class)).setParallelism(1),
                ScoreOptions.defaults(), Duration.ofHours(24)).sinkTo(sink).name("collect");
        env.execute("score-topology-it");
        points = sink.points();
    }

    private static void site(List<ScoreSignal> signals, String site, String region, int positive) {
        ScoreEvents at = new ScoreEvents(site);
        signals.add(new ScoreSignal(site, SiteInput.of(at.registry(region, site.equals("c") ? null : "ig-1")), null));
        for (int i = 0; i < 5; i++) {
            SiteInput press = at.feedback(MONDAY_TEN.plusSeconds(60L * i), i < positive ? 4 : 1);
            signals.add(new ScoreSignal(site, press, press.eventTime().minus(OUT_OF_ORDERNESS).toEpochMilli()));
        }
        SiteInput tuesday = at.feedback(TUESDAY_NOON, 4);
        signals.add(new ScoreSignal(site, tuesday, tuesday.eventTime().minus(OUT_OF_ORDERNESS).toEpochMilli()));
    }

    private static Map<String, InfluxPoint> latestBy(String measurement, String tag, String localDate) {
        Map<String, InfluxPoint> latest = new TreeMap<>();
        for (InfluxPoint p : points) {
            if (p.getMeasurement().equals(measurement) && localDate.equals(p.getTags().get("local_date"))) {
                latest.put(p.getTags().get(tag), p);
            }
        }
        return latest;
    }

    @Test
    void liveScorePointsForEverySiteOnItsMinuteGrid() {
        for (String site : List.of("a", "b", "c")) {
            List<InfluxPoint> live = points.stream().filter(p -> p.getMeasurement().equals(ScorePoints.SITE_SCORE)
                    && p.getTags().get("site").equals(site)).toList();
            assertThat(live).isNotEmpty().allMatch(p -> p.getTimestampMillis() % 60_000 == 0);
        }
        InfluxPoint aAtTenFive = points.stream().filter(p -> p.getMeasurement().equals(ScorePoints.SITE_SCORE)
                && p.getTags().get("site").equals("b") && p.getTimestampMillis() == MONDAY_TEN.plusSeconds(300).toEpochMilli())
                .reduce((x, y) -> y).orElseThrow();
        assertThat(aAtTenFive.getDoubleFields()).containsEntry("score", 80.0);
        assertThat(aAtTenFive.getStringFields()).containsEntry("tier", "gold");
    }

    @Test
    void dailyScoresOfMonday() {
        Map<String, InfluxPoint> daily = latestBy(ScorePoints.SITE_SCORE_DAILY, "site", "2026-06-15");
        assertThat(daily).containsOnlyKeys("a", "b", "c");
        assertThat(daily.get("a").getTimestampMillis()).isEqualTo(MONDAY_MIDNIGHT.toEpochMilli());
        assertThat(daily.get("a").getDoubleFields()).containsEntry("score", 100.0);
        assertThat(daily.get("b").getStringFields()).containsEntry("tier", "gold");
        assertThat(daily.get("c").getStringFields()).containsEntry("tier", "bronze");
    }

    @Test
    void dailyComparisonsAndRanksOfMonday() {
        Map<String, InfluxPoint> scopes = latestBy(ScorePoints.COMPARISON_DAILY, "name", "2026-06-15");
        assertThat(scopes).containsOnlyKeys("north", "south", "FR", "ig-1");
        assertThat(scopes.get("north").getDoubleFields()).containsEntry("mean_score", 90.0);
        assertThat(scopes.get("FR").getDoubleFields()).containsEntry("mean_score", 80.0);
        assertThat(scopes.get("FR").getLongFields()).containsEntry("sites", 3L).containsEntry("platinum", 1L)
                .containsEntry("gold", 1L).containsEntry("bronze", 1L);
        assertThat(scopes.get("FR").getBooleanFields()).containsEntry("partial", false);
        assertThat(scopes.get("FR").getTimestampMillis()).isEqualTo(Instant.parse("2026-06-15T00:00:00Z").toEpochMilli());

        Map<String, InfluxPoint> ranks = latestBy(ScorePoints.SITE_RANK_DAILY, "site", "2026-06-15");
        assertThat(ranks.get("a").getLongFields()).containsEntry("rank_region", 1L).containsEntry("rank_country", 1L);
        assertThat(ranks.get("b").getLongFields()).containsEntry("rank_region", 2L).containsEntry("rank_country", 2L);
        assertThat(ranks.get("b").getDoubleFields()).containsEntry("percentile_region", 0.0)
                .containsEntry("percentile_country", 50.0).containsEntry("group_mean", 90.0);
        assertThat(ranks.get("c").getDoubleFields()).containsEntry("percentile_region", 100.0)
                .containsEntry("group_mean", 0.0);
        assertThat(ranks.get("c").getBooleanFields()).containsEntry("group_valid", false);
    }
}
