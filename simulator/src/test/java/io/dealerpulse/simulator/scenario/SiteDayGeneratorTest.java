package io.dealerpulse.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.simulator.network.Interval;
import io.dealerpulse.simulator.network.NetworkGenerator;
import io.dealerpulse.simulator.network.SiteProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiteDayGeneratorTest {
    private static final long SEED = 42L;
    /** A Tuesday. */
    private static final LocalDate TUESDAY = LocalDate.of(2026, 3, 3);
    private static final SiteProfile PARIS = NetworkGenerator.generate(10, SEED).get(0);
    private static final SiteProfile REUNION = NetworkGenerator.generate(10, SEED).get(4);

    @Test
    void theSameSeedSiteAndDayGiveTheSameDay() {
        assertThat(SiteDayGenerator.generate(PARIS, TUESDAY, SEED)).isEqualTo(SiteDayGenerator.generate(PARIS, TUESDAY, SEED));
        assertThat(SiteDayGenerator.generate(PARIS, TUESDAY, SEED).crossings())
                .isNotEqualTo(SiteDayGenerator.generate(PARIS, TUESDAY, SEED + 1).crossings());
    }

    @Test
    void aSundayIsClosed() {
        SiteDay sunday = SiteDayGenerator.generate(PARIS, TUESDAY.plusDays(5), SEED);
        assertThat(sunday.open()).isFalse();
        assertThat(sunday.crossings()).isEmpty();
        assertThat(sunday.kiosk()).isEmpty();
    }

    @Test
    void customersCheckInOnlyWhileTheSiteIsOpenNeverDuringLunch() {
        for (SiteProfile site : List.of(PARIS, REUNION)) {
            for (int d = 0; d < 20; d++) {
                SiteDay day = SiteDayGenerator.generate(site, TUESDAY.plusDays(d), SEED);
                List<Interval> hours = site.hours().on(day.date().getDayOfWeek());
                for (Visit visit : day.visits()) {
                    LocalTime local = visit.checkIn().atZone(site.zone()).toLocalTime();
                    assertThat(hours).as("check-in at %s on %s", local, day.date()).anyMatch(i -> i.contains(local));
                }
            }
        }
    }

    @Test
    void customersAreServedAfterCheckingInAndWaitAtMostTheGiveUpTime() {
        SiteDay day = SiteDayGenerator.generate(PARIS, TUESDAY, SEED);
        assertThat(day.visits()).isNotEmpty();
        for (Visit visit : day.visits()) {
            assertThat(visit.checkIn()).isAfter(visit.arrival());
            if (visit.served()) {
                assertThat(visit.waiting().isNegative()).isFalse();
                assertThat(visit.waiting()).isLessThanOrEqualTo(SiteDayGenerator.GIVE_UP_AFTER);
                assertThat(visit.leftAt()).isAfter(visit.servedAt());
            }
        }
    }

    @Test
    void waitingGrowsWhenFewerAdvisorsAreOnDuty() {
        double understaffed = 0;
        double staffed = 0;
        for (int d = 0; d < 10; d++) {
            understaffed += meanWaitingSeconds(SiteDayGenerator.generateWithAdvisors(PARIS, TUESDAY.plusDays(d), SEED, 1));
            staffed += meanWaitingSeconds(SiteDayGenerator.generateWithAdvisors(PARIS, TUESDAY.plusDays(d), SEED, 6));
        }
        assertThat(understaffed).isGreaterThan(staffed * 3);
    }

    @Test
    void moreCustomersArriveInTheMorningPeakThanBeforeLunch() {
        int peak = 0;
        int beforeLunch = 0;
        for (int d = 0; d < 30; d++) {
            SiteDay day = SiteDayGenerator.generate(PARIS, TUESDAY.plusDays(d), SEED);
            if (!day.open() || day.date().getDayOfWeek().getValue() > 5) {
                continue;
            }
            Interval morning = PARIS.hours().on(day.date().getDayOfWeek()).get(0);
            for (Visit visit : day.visits()) {
                LocalTime t = visit.arrival().atZone(PARIS.zone()).toLocalTime();
                if (!t.isBefore(morning.open()) && t.isBefore(morning.open().plusMinutes(90))) {
                    peak++;
                } else if (!t.isBefore(morning.close().minusMinutes(90)) && t.isBefore(morning.close())) {
                    beforeLunch++;
                }
            }
        }
        assertThat(peak).isGreaterThan((int) (beforeLunch * 1.3));
    }

    @Test
    void advisorsSignOnAndOffAndOccasionallyAreAbsentOrForgetToSignOff() {
        int absent = 0;
        int forgotten = 0;
        int days = 0;
        for (int d = 0; d < 120; d++) {
            SiteDay day = SiteDayGenerator.generate(PARIS, TUESDAY.plusDays(d), SEED);
            if (!day.open()) {
                continue;
            }
            days++;
            long signOns = day.kiosk().stream().filter(k -> k.type().equals(KioskAction.SIGN_ON)).count();
            long signOffs = day.kiosk().stream().filter(k -> k.type().equals(KioskAction.SIGN_OFF)).count();
            assertThat(signOns).isPositive();
            if (day.has(Incident.Kind.FORGOTTEN_SIGN_OFF)) {
                forgotten++;
                assertThat(signOffs).isEqualTo(signOns - 1);
            } else {
                assertThat(signOffs).isEqualTo(signOns);
            }
            absent += day.has(Incident.Kind.ABSENT_ADVISOR) ? 1 : 0;
        }
        assertThat(absent).isBetween(days / 30, days / 4);
        assertThat(forgotten).isBetween(days / 30, days / 4);
    }

    @Test
    void appointmentsHaveNoShowsCancellationsAndLateArrivals() {
        int noShows = 0;
        int late = 0;
        int cancelled = 0;
        for (int d = 0; d < 20; d++) {
            SiteDay day = SiteDayGenerator.generate(PARIS, TUESDAY.plusDays(d), SEED);
            Set<String> arrived = new HashSet<>();
            day.visits().stream().filter(v -> v.appointmentRef() != null).forEach(v -> arrived.add(v.appointmentRef()));
            List<String> refs = day.bookings().stream().map(BookingAction::appointmentRef).distinct().toList();
            for (String ref : refs) {
                BookingAction latest = day.bookings().stream().filter(b -> b.appointmentRef().equals(ref))
                        .reduce((a, b) -> b).orElseThrow();
                assertThat(latest.actionTime()).isBefore(latest.scheduledTime());
                if (latest.action().equals(BookingAction.CANCELLED)) {
                    cancelled++;
                    assertThat(arrived).doesNotContain(ref);
                } else if (!arrived.contains(ref)) {
                    noShows++;
                }
            }
            for (Visit visit : day.visits()) {
                if (visit.appointmentRef() != null) {
                    Instant scheduled = day.bookings().stream()
                            .filter(b -> b.appointmentRef().equals(visit.appointmentRef()))
                            .reduce((a, b) -> b).orElseThrow().scheduledTime();
                    late += visit.arrival().isAfter(scheduled.plus(Duration.ofMinutes(10))) ? 1 : 0;
                }
            }
        }
        assertThat(noShows).isPositive();
        assertThat(late).isPositive();
        assertThat(cancelled).isPositive();
    }

    @Test
    void surveysAndFeedbackAreWorseAfterLongWaits() {
        List<Integer> quick = new ArrayList<>();
        List<Integer> slow = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            SiteDay day = SiteDayGenerator.generateWithAdvisors(PARIS, TUESDAY.plusDays(d), SEED, 1 + d % 4);
            for (SurveyAnswer answer : day.surveys()) {
                assertThat(answer.visitDate()).isEqualTo(day.date());
                assertThat(answer.receivedAt()).isAfter(day.closedFrom());
            }
            // Link answers back to waiting through the feedback presses of the same day.
            double meanWait = meanWaitingSeconds(day);
            day.surveys().forEach(s -> (meanWait < 300 ? quick : slow).add(s.nps()));
        }
        assertThat(quick).isNotEmpty();
        assertThat(slow).isNotEmpty();
        assertThat(mean(slow)).isLessThan(mean(quick) - 1);
    }

    @Test
    void kioskMessagesHaveUniqueIdsInTimeOrder() {
        SiteDay day = SiteDayGenerator.generate(REUNION, TUESDAY, SEED);
        assertThat(day.kiosk()).extracting(KioskAction::messageId).doesNotHaveDuplicates();
        assertThat(day.kiosk()).isSortedAccordingTo(java.util.Comparator.comparing(KioskAction::time));
        ZonedDateTime firstSignOn = day.kiosk().get(0).time().atZone(REUNION.zone());
        assertThat(firstSignOn.toLocalTime()).isBefore(LocalTime.of(7, 31));
    }

    private static double meanWaitingSeconds(SiteDay day) {
        return day.visits().stream().filter(Visit::served).mapToLong(v -> v.waiting().toSeconds()).average().orElse(0);
    }

    private static double mean(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).average().orElseThrow();
    }
}
