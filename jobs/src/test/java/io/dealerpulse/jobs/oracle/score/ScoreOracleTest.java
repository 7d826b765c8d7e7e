package io.dealerpulse.jobs.oracle.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.Direction;
import io.dealerpulse.jobs.scenario.RegistryVersions;
import io.dealerpulse.jobs.scenario.SiteRecords;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Hand-computed figures of every component, the weighted score, the as-of rule and the daily score. */
class ScoreOracleTest {
    private static final String SITE = "fr-test-01";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    private final ScoreFixture fixture = new ScoreFixture("Europe/Paris");
    private final SiteRecords records = new SiteRecords(SITE);

    private ScoreFixture site() {
        return fixture.registry(RegistryVersions.site(SITE, "Europe/Paris").region("nord").investorGroup("g1")
                .band(2.0, 6.0).everyDay("09:00-12:00", "14:00-18:00").effectiveFrom(fixture.at("2026-02-01T00:00")));
    }

    private void survey(int nps, LocalDate visit, String receivedLocal) {
        fixture.send(records.survey("r" + fixture.nextMessage(), nps, 4, visit, fixture.at(receivedLocal)));
    }

    private void press(int score, String local) {
        fixture.send(records.feedback(fixture.nextMessage(), score, fixture.at(local)));
    }

    private void checkIn(String visit, String ref, String local) {
        fixture.send(records.checkIn(fixture.nextMessage(), visit, ref, fixture.at(local)));
    }

    private void served(String visit, String local) {
        fixture.send(records.served(fixture.nextMessage(), visit, "adv-1", fixture.at(local)));
    }

    private void visitors(int count, String localStart) {
        fixture.send(records.footfall("door-1", "reception", true, Direction.IN, count, fixture.at(localStart),
                Duration.ofMinutes(15)));
    }

    private SiteScore at(String local) {
        return fixture.oracle().liveScore(SITE, fixture.at(local));
    }

    @Test
    void satisfactionIsTheMappedNpsOfThe30LocalDaysEndingTodayFromFiveSurveys() {
        site();
        survey(9, DAY, "2026-03-10T08:00");
        survey(10, DAY.minusDays(29), "2026-03-10T08:00"); // first day of the 30
        survey(9, DAY.minusDays(3), "2026-03-10T08:00");
        survey(7, DAY.minusDays(3), "2026-03-10T08:00"); // passive
        survey(3, DAY.minusDays(1), "2026-03-10T08:00"); // detractor
        survey(0, DAY.minusDays(30), "2026-03-10T08:00"); // outside the 30 days
        survey(0, DAY, "2026-03-10T12:00"); // received after T
        fixture.heartbeat(SITE, "2026-03-10T11:00");

        Component satisfaction = at("2026-03-10T10:00").component("satisfaction");
        // NPS = 100 * (3 - 1) / 5 = 40 -> (40 + 100) / 200
        assertThat(satisfaction.valid()).isTrue();
        assertThat(satisfaction.n()).isEqualTo(5);
        assertThat(satisfaction.value()).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void satisfactionUnderFiveSurveysHasNoData() {
        site();
        for (int i = 0; i < 4; i++) {
            survey(10, DAY, "2026-03-10T08:00");
        }
        fixture.heartbeat(SITE, "2026-03-10T11:00");

        SiteScore score = at("2026-03-10T10:00");
        assertThat(score.component("satisfaction")).isEqualTo(new Component("satisfaction", 0.0, 4, false));
        assertThat(score.valid()).isFalse();
        assertThat(score.tier()).isEqualTo(Tier.NONE);
        assertThat(score.fields()).containsEntry("score", 0.0).containsEntry("score_valid", false)
                .containsEntry("components_with_data", 0L).containsEntry("satisfaction_n", 4L);
    }

    @Test
    void waitingCountsServedWithinFiveMinutesAndUnservedCustomersOnlyOnceTheyWaitedOverFive() {
        site();
        checkIn("T1", null, "2026-03-10T10:00");
        served("T1", "2026-03-10T10:05"); // exactly 300 s: ok
        checkIn("T2", null, "2026-03-10T10:02");
        served("T2", "2026-03-10T10:08"); // 360 s: failure
        checkIn("T3", null, "2026-03-10T10:10"); // never served
        fixture.heartbeat(SITE, "2026-03-10T11:00");

        assertThat(at("2026-03-10T09:59").component("waiting")).isEqualTo(new Component("waiting", 0.0, 0, false));
        assertThat(at("2026-03-10T10:06").component("waiting").n()).isEqualTo(1); // T2 within 5 min at 10:06
        Component at1015 = at("2026-03-10T10:15").component("waiting"); // T3 waited exactly 300 s: not counted
        assertThat(at1015.n()).isEqualTo(2);
        assertThat(at1015.value()).isEqualTo(0.5);
        Component at1016 = at("2026-03-10T10:16").component("waiting");
        assertThat(at1016.n()).isEqualTo(3);
        assertThat(at1016.value()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void staffingIsOkWindowsOverEndedNonIdleOpenWindowsOfToday() {
        site();
        fixture.send(records.signOn("on", "adv-1", fixture.at("2026-03-10T09:00")));
        visitors(3, "2026-03-10T09:00"); // ratio 3: ok
        visitors(10, "2026-03-10T09:15"); // ratio 10: under-staffed
        fixture.send(records.signOff("off", "adv-1", fixture.at("2026-03-10T09:30"))); // 09:30 idle, not scored
        fixture.heartbeat(SITE, "2026-03-10T11:00");

        assertThat(at("2026-03-10T09:14").component("staffing").valid()).isFalse();
        assertThat(at("2026-03-10T09:15").component("staffing")).isEqualTo(new Component("staffing", 1.0, 1, true));
        assertThat(at("2026-03-10T09:50").component("staffing")).isEqualTo(new Component("staffing", 0.5, 2, true));
        // staff and no visitors: ratio 0, over-staffed, scored
        assertThat(at("2026-03-10T10:05").component("staffing").n()).isEqualTo(2);
    }

    @Test
    void appointmentsUseTheLaterOfScheduledAndCheckInAndCountNoShowsOnlyPastTheDeadline() {
        site();
        fixture.send(records.appointment("a1", AppointmentAction.BOOKED, fixture.at("2026-03-10T10:00"),
                fixture.at("2026-03-09T10:00")));
        fixture.send(records.appointment("a2", AppointmentAction.BOOKED, fixture.at("2026-03-10T10:30"),
                fixture.at("2026-03-09T10:00")));
        fixture.send(records.appointment("a3", AppointmentAction.BOOKED, fixture.at("2026-03-10T09:30"),
                fixture.at("2026-03-09T10:00")));
        fixture.send(records.appointment("a3", AppointmentAction.CANCELLED, fixture.at("2026-03-10T09:30"),
                fixture.at("2026-03-09T11:00")));
        fixture.send(records.appointment("a4", AppointmentAction.BOOKED, fixture.at("2026-03-10T09:15"),
                fixture.at("2026-03-09T10:00")));
        checkIn("V1", "a1", "2026-03-10T10:05"); // late customer: reference 10:05
        served("V1", "2026-03-10T10:14"); // <= 10:15: ok
        checkIn("V4", "a4", "2026-03-10T09:05"); // early customer: reference 09:15
        served("V4", "2026-03-10T09:26"); // > 09:25: failure
        fixture.heartbeat(SITE, "2026-03-10T12:00");

        assertThat(at("2026-03-10T10:20").component("appointments")).isEqualTo(new Component("appointments", 0.5, 2, true));
        assertThat(at("2026-03-10T10:40").component("appointments").n()).isEqualTo(2); // a2 not past 10:40 yet
        assertThat(at("2026-03-10T10:41").component("appointments")).isEqualTo(
                new Component("appointments", 1.0 / 3, 3, true));
        assertThat(at("2026-03-10T09:14").component("appointments").valid()).isFalse();
    }

    @Test
    void feedbackIsThePositiveShareOfTheSevenLocalDaysEndingTodayFromFivePresses() {
        site();
        press(4, "2026-03-03T11:00"); // 8 days ago: outside (sent in time order: older ones would be too late)
        press(3, "2026-03-04T09:30"); // first day of the 7
        press(2, "2026-03-08T10:00");
        press(1, "2026-03-09T10:00");
        press(4, "2026-03-09T11:00");
        press(4, "2026-03-10T09:30");
        fixture.heartbeat(SITE, "2026-03-10T11:00");

        assertThat(at("2026-03-10T10:00").component("feedback")).isEqualTo(new Component("feedback", 0.6, 5, true));
        assertThat(at("2026-03-10T09:00").component("feedback")).isEqualTo(new Component("feedback", 0.0, 4, false));
    }

    @Test
    void feedbackPressesInSlotsThatAreNotOpenCountNowhere() {
        site();
        press(4, "2026-03-10T08:55"); // before opening
        press(3, "2026-03-10T09:05");
        press(4, "2026-03-10T09:30");
        press(1, "2026-03-10T12:30"); // lunch closure
        press(4, "2026-03-10T14:10");
        press(3, "2026-03-10T15:00");
        press(4, "2026-03-10T16:00");
        press(2, "2026-03-10T18:05"); // after closing
        fixture.heartbeat(SITE, "2026-03-10T19:00");

        assertThat(at("2026-03-10T18:30").component("feedback")).isEqualTo(new Component("feedback", 1.0, 5, true));
    }

    @Test
    void theScoreIsTheWeightedMeanOverComponentsWithData() {
        site();
        for (int nps : new int[] {9, 9, 9, 7, 3}) {
            survey(nps, DAY, "2026-03-10T08:00"); // 0.7
        }
        checkIn("T1", null, "2026-03-10T10:00");
        served("T1", "2026-03-10T10:01");
        checkIn("T2", null, "2026-03-10T10:00:30");
        served("T2", "2026-03-10T10:09"); // waiting 0.5
        fixture.heartbeat(SITE, "2026-03-10T11:00");

        SiteScore score = at("2026-03-10T10:10");
        double expected = 100 * (0.35 * 0.7 + 0.20 * 0.5) / (0.35 + 0.20); // 62.7272...
        assertThat(score.score()).isCloseTo(expected, within(1e-9));
        assertThat(score.tier()).isEqualTo(Tier.BRONZE);
        assertThat(score.fields()).containsEntry("components_with_data", 2L).containsEntry("waiting_valid", true)
                .containsEntry("staffing_valid", false).containsEntry("trend", Trend.INSUFFICIENT_DATA);
    }

    @Test
    void aLateEventCorrectsTheDailyScoreButNotAMinuteAlreadyPassed() {
        site();
        for (int i = 0; i < 5; i++) {
            press(4, "2026-03-10T09:1" + i);
        }
        fixture.heartbeat(SITE, "2026-03-10T10:30"); // clock 10:28: minutes up to 10:28 passed
        press(1, "2026-03-10T10:00"); // late (within the allowed lateness)
        fixture.heartbeat(SITE, "2026-03-11T00:30");

        ScoreOracle oracle = fixture.oracle();
        assertThat(oracle.liveScore(SITE, fixture.at("2026-03-10T10:05")).component("feedback").n()).isEqualTo(5);
        assertThat(oracle.liveScore(SITE, fixture.at("2026-03-10T10:29")).component("feedback").n()).isEqualTo(6);
        assertThat(oracle.dailyScore(SITE, DAY).component("feedback")).isEqualTo(new Component("feedback", 5.0 / 6, 6, true));
        ScoreOracleResult result = oracle.result();
        // the first press (09:10) starts the clock at 09:08: minutes after it were passed
        assertThat(result.firstClocks().get(SITE)).isEqualTo(fixture.at("2026-03-10T09:08"));
        assertThat(result.minutes().get(0).time()).isEqualTo(fixture.at("2026-03-10T09:09"));
        assertThat(result.minutes().get(result.minutes().size() - 1).time()).isEqualTo(fixture.at("2026-03-11T00:28"));
    }

    @Test
    void theDailyScoreOfASpringForwardDayIsAsOfItsLastInstantWithItsOwnLocalMidnight() {
        LocalDate dst = LocalDate.of(2026, 3, 29); // Europe/Paris skips 02:00-03:00
        fixture.registry(RegistryVersions.site(SITE, "Europe/Paris").region("nord").band(0.5, 100.0)
                .everyDay("00:00-24:00").effectiveFrom(fixture.at("2026-02-01T00:00")));
        fixture.heartbeat(SITE, "2026-03-28T23:00");
        for (int i = 0; i < 4; i++) {
            press(4, "2026-03-29T01:3" + i);
        }
        press(1, "2026-03-29T23:59:59"); // last second of the day: counts
        press(1, "2026-03-30T00:00"); // next day
        fixture.send(records.signOn("on", "adv-1", fixture.at("2026-03-29T00:00")));
        visitors(1, "2026-03-29T03:00");
        fixture.heartbeat(SITE, "2026-03-30T00:30");

        ScoreOracle oracle = fixture.oracle();
        SiteScore daily = oracle.dailyScore(SITE, dst);
        assertThat(daily.component("feedback")).isEqualTo(new Component("feedback", 0.8, 5, true));
        // 92 slots, all open; as of 23:59:59.999 the last one (ending at midnight) has not ended:
        // 91 scored, one ok (1 visitor), the others over-staffed (staff, no visitors)
        assertThat(daily.component("staffing")).isEqualTo(new Component("staffing", 1.0 / 91, 91, true));
        assertThat(oracle.result().daily()).filteredOn(p -> p.tags().get("local_date").equals("2026-03-29"))
                .singleElement().satisfies(p -> assertThat(p.time()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z")));
    }

    @Test
    void theDailyScoreOfAFallBackDayCoversItsHundredSlots() {
        LocalDate dst = LocalDate.of(2026, 10, 25); // Europe/Paris repeats 02:00-03:00
        fixture.registry(RegistryVersions.site(SITE, "Europe/Paris").region("nord").band(0.5, 100.0)
                .everyDay("00:00-24:00").effectiveFrom(fixture.at("2026-02-01T00:00")));
        fixture.send(records.signOn("on", "adv-1", fixture.at("2026-10-25T00:00")));
        fixture.heartbeat(SITE, "2026-10-24T23:00");
        fixture.heartbeat(SITE, "2026-10-26T00:30");

        SiteScore daily = fixture.oracle().dailyScore(SITE, dst);
        // 100 slots; the last one ends at midnight, after the daily instant: 99 scored
        assertThat(daily.component("staffing")).isEqualTo(new Component("staffing", 0.0, 99, true));
        assertThat(fixture.oracle().result().daily()).filteredOn(p -> p.tags().get("local_date").equals("2026-10-25"))
                .singleElement().satisfies(p -> assertThat(p.time()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z")));
    }
}
