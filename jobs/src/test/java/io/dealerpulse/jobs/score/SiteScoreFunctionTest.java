package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.kpi.Registries;
import io.dealerpulse.jobs.pipeline.SiteInput;
import io.dealerpulse.jobs.sink.InfluxPoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SiteScoreFunctionTest {
    private static final String SITE = "paris-1";
    private static final ScoreEvents AT = new ScoreEvents(SITE);
    private static final Duration OUT_OF_ORDERNESS = Duration.ofMinutes(2);
    /** Monday 2026-06-15 10:00 Paris (+02:00). */
    private static final Instant MONDAY_TEN = Instant.parse("2026-06-15T08:00:00Z");
    /** Local midnight starting Monday / Tuesday / Wednesday. */
    private static final Instant MONDAY_MIDNIGHT = Instant.parse("2026-06-14T22:00:00Z");
    private static final Instant TUESDAY_MIDNIGHT = Instant.parse("2026-06-15T22:00:00Z");
    private static final Instant WEDNESDAY_MIDNIGHT = Instant.parse("2026-06-16T22:00:00Z");

    private KeyedOneInputStreamOperatorTestHarness<String, ScoreSignal, InfluxPoint> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness(null);
        signal(SiteInput.of(AT.registry("north", "ig-1")), null);
    }

    /** As in production (pipeline.generic-types: false): a state type falling back to Kryo fails the test. */
    private static KeyedOneInputStreamOperatorTestHarness<String, ScoreSignal, InfluxPoint> newHarness(
            OperatorSubtaskState restoreFrom) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ScoreSignal, InfluxPoint> h =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new SiteScoreFunction(
                        ScoreOptions.defaults(), Duration.ofHours(24))), ScoreSignal::getSiteId, Types.STRING);
        Configuration noKryo = new Configuration();
        noKryo.set(PipelineOptions.GENERIC_TYPES, false);
        h.getExecutionConfig().configure(noKryo, SiteScoreFunctionTest.class.getClassLoader());
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** An agent-stream input, with the clock the site KPI function would have after it. */
    private void event(SiteInput input) throws Exception {
        signal(input, input.eventTime().minus(OUT_OF_ORDERNESS).toEpochMilli());
    }

    private void signal(SiteInput input, Long clock) throws Exception {
        harness.processElement(new StreamRecord<>(new ScoreSignal(SITE, input, clock)));
    }

    private List<InfluxPoint> points(String measurement) {
        List<InfluxPoint> points = new ArrayList<>();
        for (InfluxPoint p : harness.extractOutputValues()) {
            if (p.getMeasurement().equals(measurement) && !p.isTombstone()) {
                points.add(p);
            }
        }
        return points;
    }

    /** The latest write of each timestamp of a measurement. */
    private Map<Instant, InfluxPoint> latest(String measurement) {
        Map<Instant, InfluxPoint> byTime = new TreeMap<>();
        points(measurement).forEach(p -> byTime.put(Instant.ofEpochMilli(p.getTimestampMillis()), p));
        return byTime;
    }

    private void fivePresses(Instant from, int score) throws Exception {
        for (int i = 0; i < 5; i++) {
            event(AT.feedback(from.plusSeconds(60L * i), score));
        }
    }

    @Test
    void writesAPointForEveryMinuteTheClockPassesAndRewritesTheCurrentMinute() throws Exception {
        event(AT.feedback(MONDAY_TEN, 4));                        // clock 09:58 local
        event(AT.feedback(MONDAY_TEN.plusSeconds(17 * 60 + 30), 4)); // clock 10:15:30 local
        Map<Instant, InfluxPoint> scores = latest(ScorePoints.SITE_SCORE);
        // minutes 09:59 … 10:15 were reached, 10:16 is the current minute
        assertThat(scores.keySet()).first().isEqualTo(MONDAY_TEN.minusSeconds(60));
        assertThat(scores.keySet()).last().isEqualTo(MONDAY_TEN.plusSeconds(16 * 60));
        assertThat(scores).hasSize(18);
        InfluxPoint at1015 = scores.get(MONDAY_TEN.plusSeconds(15 * 60));
        assertThat(at1015.getTags()).containsEntry("site", SITE).containsEntry("region", "north")
                .containsEntry("investor_group", "ig-1").containsEntry("country", "FR");
        // as of 10:15 only the first press counts (the 10:17:30 one has arrived but is after T): no score, no tier
        assertThat(at1015.getBooleanFields()).containsEntry("score_valid", false).containsEntry("feedback_valid", false);
        assertThat(at1015.getLongFields()).containsEntry("feedback_n", 1L).containsEntry("components_with_data", 0L);
        assertThat(at1015.getStringFields()).containsEntry("tier", "none").containsEntry("trend", "insufficient_data");
    }

    @Test
    void closesEachLocalDayWithItsDailyScoreAndWritesTierChanges() throws Exception {
        fivePresses(MONDAY_TEN, 4);                  // Monday: 5 of 5 positive → 100, Platinum
        fivePresses(MONDAY_TEN.plus(Duration.ofDays(1)), 1); // Tuesday: 5 of 10 positive over 7 days → 50, Bronze
        event(AT.feedback(WEDNESDAY_MIDNIGHT.plus(Duration.ofHours(10)), 2)); // moves the clock into Wednesday

        Map<Instant, InfluxPoint> daily = latest(ScorePoints.SITE_SCORE_DAILY);
        assertThat(daily).containsOnlyKeys(MONDAY_MIDNIGHT, TUESDAY_MIDNIGHT);
        InfluxPoint monday = daily.get(MONDAY_MIDNIGHT);
        assertThat(monday.getTags()).containsEntry("local_date", "2026-06-15");
        assertThat(monday.getDoubleFields()).containsEntry("score", 100.0).containsEntry("feedback", 1.0);
        assertThat(monday.getStringFields()).containsEntry("tier", "platinum");
        assertThat(daily.get(TUESDAY_MIDNIGHT).getDoubleFields()).containsEntry("score", 50.0);

        List<InfluxPoint> changes = points(ScorePoints.TIER_CHANGE);
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).getTimestampMillis()).isEqualTo(TUESDAY_MIDNIGHT.toEpochMilli());
        assertThat(changes.get(0).getStringFields()).containsEntry("kind", "dropped")
                .containsEntry("from_tier", "platinum").containsEntry("to_tier", "bronze")
                .containsEntry("message", "dropped to Bronze");

        List<DailySiteScore> sent = harness.getSideOutput(SiteScoreFunction.DAILY_SCORES).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(sent).extracting(DailySiteScore::date).containsExactly(
                LocalDate.of(2026, 6, 15), LocalDate.of(2026, 6, 16));
    }

    @Test
    void aLateSurveyCorrectsTheClosedDayButNotMinutePointsAlreadyPassed() throws Exception {
        fivePresses(MONDAY_TEN, 4);
        event(AT.feedback(TUESDAY_MIDNIGHT.plus(Duration.ofHours(9)), 4)); // Monday closed: 100
        int mondayMinutePoints = points(ScorePoints.SITE_SCORE).size();
        // five detractor surveys about Monday, received Monday 12:00 but imported only now
        for (int i = 0; i < 5; i++) {
            signal(AT.survey(0, LocalDate.of(2026, 6, 15), MONDAY_TEN.plusSeconds(7200 + i)),
                    TUESDAY_MIDNIGHT.plus(Duration.ofHours(9)).minus(OUT_OF_ORDERNESS).toEpochMilli());
        }
        InfluxPoint monday = latest(ScorePoints.SITE_SCORE_DAILY).get(MONDAY_MIDNIGHT);
        // satisfaction 0 (NPS −100) weighs 0.35, feedback 1.0 weighs 0.10 → 100·0.10/0.45
        assertThat(monday.getDoubleFields().get("score")).isCloseTo(100 * 0.10 / 0.45, Offset.offset(1e-9));
        assertThat(monday.getBooleanFields()).containsEntry("satisfaction_valid", true);
        // only the current minute's point was rewritten, once per signal
        assertThat(points(ScorePoints.SITE_SCORE)).hasSize(mondayMinutePoints + 5);
    }

    @Test
    void aSiteMovingToAnotherRegionIsTaggedWithTheRegionInForceOnEachDay() throws Exception {
        // from Tuesday 00:00 local the site belongs to "south"
        signal(SiteInput.of(Registries.site(SITE, "Europe/Paris").everyDay("08:00", "18:00")
                .band(1.0, 4.0).region("south").effectiveFrom(TUESDAY_MIDNIGHT).build()), null);
        fivePresses(MONDAY_TEN, 4);
        event(AT.feedback(WEDNESDAY_MIDNIGHT.plus(Duration.ofHours(10)), 4));
        Map<Instant, InfluxPoint> daily = latest(ScorePoints.SITE_SCORE_DAILY);
        assertThat(daily.get(MONDAY_MIDNIGHT).getTags()).containsEntry("region", "north");
        assertThat(daily.get(TUESDAY_MIDNIGHT).getTags()).containsEntry("region", "south");
        List<DailySiteScore> sent = harness.getSideOutput(SiteScoreFunction.DAILY_SCORES).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(sent).extracting(DailySiteScore::getRegion).containsExactly("north", "south");
    }

    @Test
    void stateIsBoundedToTheDaysThatCanStillChangeAScore() throws Exception {
        for (int day = 0; day < 40; day++) {
            event(AT.feedback(MONDAY_TEN.plus(Duration.ofDays(day)), 4));
            event(AT.checkIn("v" + day, MONDAY_TEN.plus(Duration.ofDays(day)).plusSeconds(60)));
        }
        // feedback is kept 9 days + 1 day of lateness, check-ins 2 days + lateness, cleaned once a day
        assertThat(mapKeys("score-events", Types.STRING).size()).isBetween(10, 2 * 12);
        assertThat(mapKeys("daily-scores", Types.LONG)).hasSizeLessThanOrEqualTo(ScoreOptions.TREND_DAYS + 2);
        assertThat(latest(ScorePoints.SITE_SCORE_DAILY)).hasSize(39);
    }

    /**
     * A no-show booked for Friday 10:00 and moved on Monday to Tuesday 10:00 counts on Tuesday only —
     * also once the daily cleanup has passed the reschedule's own horizon (Tuesday + 3 days) while the
     * booking's (Friday + 3 days) is still ahead: the booking must not resurface on Friday.
     */
    @Test
    void anAppointmentMovedToAnEarlierDayDoesNotResurfaceWhenTheRescheduleIsCleanedUp() throws Exception {
        Instant tuesdayTen = MONDAY_TEN.plus(Duration.ofDays(1));
        Instant fridayTen = MONDAY_TEN.plus(Duration.ofDays(4));
        event(AT.feedback(MONDAY_TEN, 4));
        long mondayClock = MONDAY_TEN.minus(OUT_OF_ORDERNESS).toEpochMilli();
        signal(AT.appointment("moved", io.dealerpulse.events.AppointmentAction.BOOKED, fridayTen,
                MONDAY_TEN.plusSeconds(60)), mondayClock);
        signal(AT.appointment("moved", io.dealerpulse.events.AppointmentAction.RESCHEDULED, tuesdayTen,
                MONDAY_TEN.plusSeconds(120)), mondayClock);
        for (int day = 1; day <= 4; day++) {   // a press at 10:05 and 10:30 local every day to Friday
            event(AT.feedback(MONDAY_TEN.plus(Duration.ofDays(day)).plusSeconds(300), 4));
            event(AT.feedback(MONDAY_TEN.plus(Duration.ofDays(day)).plusSeconds(1800), 4));
        }
        Map<Instant, InfluxPoint> scores = latest(ScorePoints.SITE_SCORE);
        Instant tuesdayTwentyPast = tuesdayTen.plusSeconds(20 * 60);
        Instant fridayTwentyPast = fridayTen.plusSeconds(20 * 60);
        assertThat(scores.get(tuesdayTwentyPast).getLongFields()).as("Tuesday: the no-show counts")
                .containsEntry("appointments_n", 1L);
        assertThat(scores.get(fridayTwentyPast).getLongFields()).as("Friday: nothing due")
                .containsEntry("appointments_n", 0L);
        assertThat(mapKeys("score-events", Types.STRING)).as("both actions still kept on Friday").hasSizeGreaterThanOrEqualTo(2);
    }

    private <K> List<K> mapKeys(String name, TypeInformation<K> keyType)
            throws Exception {
        KeyedStateBackend<String> backend =
                ((AbstractStreamOperator<?>) harness.getOperator())
                        .getKeyedStateBackend();
        backend.setCurrentKey(SITE);
        MapState<K, Object> state = backend.getPartitionedState(
                VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE,
                new MapStateDescriptor<>(name, keyType,
                        TypeInformation.of(Object.class)));
        List<K> keys = new ArrayList<>();
        state.keys().forEach(keys::add);
        return keys;
    }

    @Test
    void aRestoreFromASnapshotEndsWithTheSamePointsAsAnUninterruptedRun() throws Exception {
        fivePresses(MONDAY_TEN, 4);
        event(AT.survey(9, LocalDate.of(2026, 6, 15), MONDAY_TEN));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        List<InfluxPoint> beforeSnapshot = new ArrayList<>(harness.extractOutputValues());
        fivePresses(MONDAY_TEN.plus(Duration.ofDays(1)), 1);
        event(AT.feedback(WEDNESDAY_MIDNIGHT.plus(Duration.ofHours(10)), 2));
        List<InfluxPoint> uninterrupted = new ArrayList<>(harness.extractOutputValues());
        harness.close();

        harness = newHarness(snapshot);
        fivePresses(MONDAY_TEN.plus(Duration.ofDays(1)), 1);
        event(AT.feedback(WEDNESDAY_MIDNIGHT.plus(Duration.ofHours(10)), 2));
        List<InfluxPoint> restored = new ArrayList<>(beforeSnapshot);
        restored.addAll(harness.extractOutputValues());
        assertThat(restored).isEqualTo(uninterrupted);
        assertThat(latest(ScorePoints.TIER_CHANGE)).hasSize(1);
    }
}
