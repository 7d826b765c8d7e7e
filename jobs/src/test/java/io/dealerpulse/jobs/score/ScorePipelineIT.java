package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.pipeline.KpiOptions;
import io.dealerpulse.jobs.pipeline.KpiPipeline;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole {@link KpiPipeline} on a MiniCluster at parallelism 2 with generic types (Kryo) disabled:
 * Avro inputs of three sites in two regions over two local days go through the site KPI function
 * (clock, registry join, de-duplication) into the score operators, and the score, daily score,
 * tier-change, comparison and rank points reach the InfluxDB sink next to the staffing windows.
 * One run shared by the assertions.
 */
class ScorePipelineIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Monday 2026-06-15 10:00 Paris; Monday starts 2026-06-14T22:00Z, Tuesday 2026-06-15T22:00Z. */
    private static final Instant MONDAY_TEN = Instant.parse("2026-06-15T08:00:00Z");
    private static final Instant MONDAY_MIDNIGHT = Instant.parse("2026-06-14T22:00:00Z");
    private static final Instant TUESDAY_TEN = Instant.parse("2026-06-16T08:00:00Z");
    private static final Instant WEDNESDAY_TEN = Instant.parse("2026-06-17T08:00:00Z");

    private static final java.time.ZoneId PARIS = java.time.ZoneId.of("Europe/Paris");
    /** Site a also gets one input of each other stream (every source needs one): none changes its score. */
    private static final ScoreEvents A = new ScoreEvents("a");

    private static List<InfluxPoint> points;

    @BeforeAll
    static void runOnce() throws Exception {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        List<Either<KioskEvent, DeadLetter>> kiosk = new ArrayList<>();
        List<Either<SiteRegistryVersion, DeadLetter>> registry = new ArrayList<>();
        // Monday's positive feedback shares: a 5/5, b 4/5, c 3/5 → 100 (platinum), 80 (gold), 60 (bronze);
        // Tuesday all five presses positive; Wednesday's press closes Tuesday
        site(kiosk, registry, "a", "north", "ig-1", 5);
        site(kiosk, registry, "b", "north", "ig-1", 4);
        site(kiosk, registry, "c", "south", null, 3);
        PointCollector influx = new PointCollector();
        KpiPipeline.build(new KpiPipeline.Inputs(
                        source(env, FootfallEvent.class, List.of(Either.Left(A.workshopEntry(MONDAY_TEN).getFootfall()))),
                        source(env, KioskEvent.class, kiosk),
                        source(env, AppointmentEvent.class, List.of(Either.Left(A.cancelledAppointment("ref-1",
                                MONDAY_TEN, MONDAY_TEN.minusSeconds(86_400)).getAppointment()))),
                        source(env, SurveyResponse.class, List.of(Either.Left(A.survey(0, MONDAY_TEN.atZone(PARIS)
                                .toLocalDate(), MONDAY_TEN).getSurvey()))),
                        source(env, SiteRegistryVersion.class, registry),
                        source(env, AgentStatus.class, List.of(Either.Left(A.heartbeat(MONDAY_TEN).getAgentStatus())))),
                new KpiPipeline.Outputs(influx, new Discard<>(), new Discard<>()),
                KpiOptions.defaults().withAccountingOnEveryEvent(true));
        env.execute("score-pipeline-it");
        points = influx.points();
    }

    private static void site(List<Either<KioskEvent, DeadLetter>> kiosk, List<Either<SiteRegistryVersion, DeadLetter>> registry,
            String site, String region, String group, int positive) {
        ScoreEvents at = new ScoreEvents(site);
        registry.add(Either.Left(at.registry(region, group)));
        for (int i = 0; i < 5; i++) {
            kiosk.add(Either.Left(at.feedback(MONDAY_TEN.plusSeconds(60L * i), i < positive ? 4 : 1).getKiosk()));
        }
        for (int i = 0; i < 5; i++) {
            kiosk.add(Either.Left(at.feedback(TUESDAY_TEN.plusSeconds(60L * i), 4).getKiosk()));
        }
        kiosk.add(Either.Left(at.feedback(WEDNESDAY_TEN, 4).getKiosk()));
    }

    private static <T extends SpecificRecordBase> DataStream<Either<T, DeadLetter>> source(
            StreamExecutionEnvironment env, Class<T> type, List<Either<T, DeadLetter>> records) {
        return env.fromData(records, new EitherTypeInfo<>(new AvroTypeInfo<>(type), new AvroTypeInfo<>(DeadLetter.class)))
                .setParallelism(1);
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
    void liveScoresAreWrittenOnEachSiteMinuteGrid() {
        InfluxPoint bAtTenFive = points.stream().filter(p -> p.getMeasurement().equals(ScorePoints.SITE_SCORE)
                        && p.getTags().get("site").equals("b")
                        && p.getTimestampMillis() == MONDAY_TEN.plusSeconds(300).toEpochMilli())
                .reduce((x, y) -> y).orElseThrow();
        assertThat(bAtTenFive.getDoubleFields()).containsEntry("score", 80.0).containsEntry("feedback", 0.8);
        assertThat(bAtTenFive.getStringFields()).containsEntry("tier", "gold");
        assertThat(points).filteredOn(p -> p.getMeasurement().equals(ScorePoints.SITE_SCORE))
                .allMatch(p -> p.getTimestampMillis() % 60_000 == 0);
        assertThat(points).anyMatch(p -> p.getMeasurement().equals("staffing_window"));
    }

    @Test
    void dailyScoresAndTierChanges() {
        Map<String, InfluxPoint> monday = latestBy(ScorePoints.SITE_SCORE_DAILY, "site", "2026-06-15");
        assertThat(monday).containsOnlyKeys("a", "b", "c");
        assertThat(monday.get("a").getTimestampMillis()).isEqualTo(MONDAY_MIDNIGHT.toEpochMilli());
        assertThat(monday.get("c").getStringFields()).containsEntry("tier", "bronze");
        // Tuesday: c has 8 of 10 positive presses over 7 days → 80, promoted from Bronze to Gold
        Map<String, InfluxPoint> tuesday = latestBy(ScorePoints.SITE_SCORE_DAILY, "site", "2026-06-16");
        assertThat(tuesday.get("c").getDoubleFields()).containsEntry("score", 80.0);
        Map<String, InfluxPoint> changes = latestBy(ScorePoints.TIER_CHANGE, "site", "2026-06-16");
        assertThat(changes).containsOnlyKeys("b", "c");
        assertThat(changes.get("c").getStringFields()).containsEntry("kind", "promoted")
                .containsEntry("message", "promoted to Gold");
        assertThat(changes.get("b").getStringFields()).containsEntry("message", "promoted to Platinum");
    }

    @Test
    void dailyComparisonsRanksAndPercentiles() {
        Map<String, InfluxPoint> scopes = latestBy(ScorePoints.COMPARISON_DAILY, "name", "2026-06-15");
        assertThat(scopes).containsOnlyKeys("north", "south", "FR", "ig-1");
        assertThat(scopes.get("FR").getDoubleFields()).containsEntry("mean_score", 80.0);
        assertThat(scopes.get("FR").getBooleanFields()).containsEntry("partial", false);
        assertThat(scopes.get("ig-1").getLongFields()).containsEntry("sites", 2L).containsEntry("platinum", 1L)
                .containsEntry("gold", 1L);
        Map<String, InfluxPoint> ranks = latestBy(ScorePoints.SITE_RANK_DAILY, "site", "2026-06-15");
        assertThat(ranks.get("b").getLongFields()).containsEntry("rank_region", 2L).containsEntry("rank_country", 2L);
        assertThat(ranks.get("b").getDoubleFields()).containsEntry("percentile_country", 50.0)
                .containsEntry("region_mean", 90.0);
        Map<String, InfluxPoint> tuesdayRanks = latestBy(ScorePoints.SITE_RANK_DAILY, "site", "2026-06-16");
        // Tuesday: a 100, b 90, c 80
        assertThat(tuesdayRanks.get("c").getDoubleFields()).containsEntry("percentile_country", 0.0);
        assertThat(tuesdayRanks.get("a").getLongFields()).containsEntry("rank_country", 1L);
    }

    /** A sink that drops everything (dead letters and late events are not under test here). */
    private static final class Discard<T> implements Sink<T> {
        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {}

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
