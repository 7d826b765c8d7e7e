package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.kpi.AppointmentAction;
import io.dealerpulse.jobs.kpi.AppointmentAction.Kind;
import io.dealerpulse.jobs.kpi.CheckIn;
import io.dealerpulse.jobs.kpi.Served;
import io.dealerpulse.jobs.kpi.StaffingStatus;
import io.dealerpulse.jobs.kpi.StaffingWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ComponentCalculatorTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    /** 10:00 Paris (+02:00). */
    private static final Instant TEN = Instant.parse("2026-06-15T08:00:00Z");
    private static final Predicate<Instant> ALWAYS_OPEN = t -> true;
    private final ComponentCalculator calc = new ComponentCalculator(ScoreOptions.defaults());

    private static Instant ten(int minutes, int seconds) {
        return TEN.plusSeconds(60L * minutes + seconds);
    }

    private static SurveyAnswer survey(Integer nps, LocalDate visit) {
        return new SurveyAnswer(visit, nps, TEN.minusSeconds(3600));
    }

    @Test
    void satisfactionNeedsFiveSurveysAndMapsNps() {
        List<SurveyAnswer> four = List.of(survey(10, TODAY), survey(9, TODAY), survey(8, TODAY), survey(3, TODAY));
        assertThat(calc.satisfaction(TEN, TODAY, four)).isEqualTo(Component.none(4));

        List<SurveyAnswer> five = List.of(survey(10, TODAY), survey(9, TODAY), survey(9, TODAY.minusDays(29)),
                survey(7, TODAY), survey(6, TODAY), survey(null, TODAY));
        // 3 promoters, 1 passive, 1 detractor: NPS 40 → 0.7; the unanswered one is not counted
        Component c = calc.satisfaction(TEN, TODAY, five);
        assertThat(c.hasData()).isTrue();
        assertThat(c.n()).isEqualTo(5);
        assertThat(c.value()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void satisfactionCountsThirtyLocalDaysReceivedByT() {
        List<SurveyAnswer> answers = List.of(survey(0, TODAY.minusDays(30)), survey(0, TODAY.minusDays(29)),
                new SurveyAnswer(TODAY, 0, TEN.plusMillis(1)), new SurveyAnswer(TODAY, 0, TEN),
                survey(0, TODAY.plusDays(1)));
        assertThat(calc.satisfaction(TEN, TODAY, answers).n()).isEqualTo(2);
    }

    @Test
    void waitingCountsServedUnderFiveMinutesAndLongWaitsAsFailures() {
        List<CheckIn> checkIns = List.of(
                new CheckIn("v1", ten(0, 0), "c1", null),
                new CheckIn("v2", ten(0, 0), "c2", null),
                new CheckIn("v3", ten(10, 0), "c3", null),
                new CheckIn("v4", ten(20, 0), "c4", null),
                new CheckIn("v5", TEN.minusSeconds(86_400), "c5", null)); // yesterday: not today's
        List<Served> served = List.of(
                new Served("v1", ten(5, 0)),                  // exactly 300 s: in time
                new Served("v2", ten(5, 0).plusMillis(1)),    // 300.001 s: a failure
                new Served("v5", ten(1, 0)));
        // at 10:15:00: v3 waiting exactly 300 s (not counted yet), v4 not checked in yet
        Component at15 = calc.waiting(ten(15, 0), TODAY, PARIS, ALWAYS_OPEN, checkIns, served);
        assertThat(at15).isEqualTo(new Component(0.5, 2, true));
        // at 10:15:00.001 v3 has waited over 5 minutes unserved: a failure
        Component later = calc.waiting(ten(15, 0).plusMillis(1), TODAY, PARIS, ALWAYS_OPEN, checkIns, served);
        assertThat(later.n()).isEqualTo(3);
        assertThat(later.value()).isEqualTo(1.0 / 3);
        // a served event after T is not known at T
        assertThat(calc.waiting(ten(4, 0), TODAY, PARIS, ALWAYS_OPEN, checkIns, served).hasData()).isFalse();
    }

    @Test
    void waitingIgnoresCheckInsOutsideOpeningHours() {
        List<CheckIn> checkIns = List.of(new CheckIn("v1", ten(0, 0), "c1", null));
        Component c = calc.waiting(ten(30, 0), TODAY, PARIS, t -> false, checkIns, List.of());
        assertThat(c).isEqualTo(Component.none(0));
    }

    @Test
    void staffingIsOkWindowsOverEndedNonIdleWindowsOfToday() {
        List<StaffingWindow> windows = List.of(
                window(TEN, StaffingStatus.OK),
                window(ten(15, 0), StaffingStatus.UNDER_STAFFED),
                window(ten(30, 0), StaffingStatus.IDLE),
                window(ten(45, 0), StaffingStatus.OVER_STAFFED),
                window(ten(60, 0), StaffingStatus.OK)); // ends 11:15, after T
        Component c = calc.staffing(ten(60, 0), TODAY, windows);
        assertThat(c.n()).isEqualTo(3);
        assertThat(c.value()).isEqualTo(1.0 / 3);
        // the window ending exactly at T has ended
        assertThat(calc.staffing(ten(75, 0), TODAY, windows).n()).isEqualTo(4);
        assertThat(calc.staffing(TEN, TODAY, windows).hasData()).isFalse();
    }

    @Test
    void appointmentsServedWithinTenMinutesOfTheLaterOfScheduledAndCheckIn() {
        ScoreEvidence evidence = new ScoreEvidence()
                // a: early check-in, served at scheduled + 10 min: kept
                .add(booked("a", ten(0, 0))).add(new CheckIn("va", ten(-10, 0), "ca", "a")).add(new Served("va", ten(10, 0)))
                // b: late check-in at 10:05, served 10:15 (check-in + 10 min): kept
                .add(booked("b", ten(0, 0))).add(new CheckIn("vb", ten(5, 0), "cb", "b")).add(new Served("vb", ten(15, 0)))
                // c: served 10:10:00.001: missed
                .add(booked("c", ten(0, 0))).add(new CheckIn("vc", ten(0, 0), "cc", "c"))
                .add(new Served("vc", ten(10, 0).plusMillis(1)))
                // d: no-show
                .add(booked("d", ten(0, 0)))
                // e: cancelled, f: scheduled later, g: yesterday
                .add(booked("e", ten(0, 0))).add(new AppointmentAction("e", Kind.CANCELLED, ten(0, 0), ten(-100, 0), "e2"))
                .add(booked("f", ten(40, 0)))
                .add(booked("g", TEN.minusSeconds(86_400)));
        // at 10:10: d is within its 10 min, c not served by T yet but within its limit
        Component at10 = calc.appointments(ten(10, 0), TODAY, PARIS, ALWAYS_OPEN, evidence);
        assertThat(at10).isEqualTo(new Component(1.0, 1, true)); // only a decided (b's reference is 10:05)
        Component at20 = calc.appointments(ten(20, 0), TODAY, PARIS, ALWAYS_OPEN, evidence);
        assertThat(at20.n()).isEqualTo(4); // a, b kept; c late; d no-show
        assertThat(at20.value()).isEqualTo(0.5);
    }

    @Test
    void appointmentStateIsTheLatestActionByT() {
        ScoreEvidence evidence = new ScoreEvidence()
                .add(booked("a", ten(0, 0)))
                .add(new AppointmentAction("a", Kind.CANCELLED, ten(0, 0), ten(5, 0), "a2"));
        // cancelled at 10:05: at 10:04 still a booked appointment, unserved past... not yet 10:10 → not counted
        assertThat(calc.appointments(ten(4, 0), TODAY, PARIS, ALWAYS_OPEN, evidence).n()).isZero();
        assertThat(calc.appointments(ten(30, 0), TODAY, PARIS, ALWAYS_OPEN, evidence).n()).isZero();
        ScoreEvidence rescheduled = new ScoreEvidence().add(booked("a", ten(0, 0)))
                .add(new AppointmentAction("a", Kind.RESCHEDULED, ten(60, 0), ten(-5, 0), "a2"));
        assertThat(calc.appointments(ten(30, 0), TODAY, PARIS, ALWAYS_OPEN, rescheduled).n()).isZero();
        assertThat(calc.appointments(ten(71, 0), TODAY, PARIS, ALWAYS_OPEN, rescheduled).n()).isEqualTo(1);
    }

    @Test
    void feedbackNeedsFivePressesOverSevenLocalDays() {
        List<FeedbackPress> four = List.of(press(TEN, 4), press(TEN, 3), press(TEN, 2), press(TEN, 1));
        assertThat(calc.feedback(TEN, TODAY, PARIS, ALWAYS_OPEN, four)).isEqualTo(Component.none(4));
        // 6 local days ago (from 00:00 Paris) counts, 7 days ago does not, after T does not
        Instant sixDaysAgoMidnight = Instant.parse("2026-06-08T22:00:00Z");
        List<FeedbackPress> presses = List.of(press(TEN, 4), press(TEN, 3), press(TEN, 2), press(TEN, 1),
                press(sixDaysAgoMidnight, 4), press(sixDaysAgoMidnight.minusMillis(1), 4), press(TEN.plusMillis(1), 4));
        Component c = calc.feedback(TEN, TODAY, PARIS, ALWAYS_OPEN, presses);
        assertThat(c.n()).isEqualTo(5);
        assertThat(c.value()).isEqualTo(0.6);
        assertThat(calc.feedback(TEN, TODAY, PARIS, t -> false, presses).n()).isZero();
    }

    @Test
    void todayOfAnInstantAtLocalMidnightIsTheDayItStarts() {
        Instant midnight = Instant.parse("2026-06-15T22:00:00Z"); // 2026-06-16 00:00 Paris
        List<FeedbackPress> presses = List.of(press(midnight, 4), press(midnight, 4), press(midnight, 4),
                press(midnight, 4), press(midnight, 4));
        Components c = calc.asOf(midnight, PARIS, ALWAYS_OPEN, new ScoreEvidence()
                .add(presses.get(0)).add(presses.get(1)).add(presses.get(2)).add(presses.get(3)).add(presses.get(4))
                .add(window(TEN, StaffingStatus.OK)));
        assertThat(c.feedback().hasData()).isTrue();
        assertThat(c.staffing().hasData()).as("yesterday's windows are not today's").isFalse();
        assertThat(c.withData()).isEqualTo(1);
    }

    private static AppointmentAction booked(String ref, Instant scheduled) {
        return new AppointmentAction(ref, Kind.BOOKED, scheduled, scheduled.minusSeconds(86_400 * 3), ref + "1");
    }

    private static FeedbackPress press(Instant t, int score) {
        return new FeedbackPress(t, score);
    }

    private static StaffingWindow window(Instant start, StaffingStatus status) {
        return new StaffingWindow("s", "r", "none", "FR", start, start.plusSeconds(900), TODAY, 10, 120, 1, 1, 1,
                true, false, status, 0, 0, 0, 0, 0, 0, 0, 1, 4);
    }
}
