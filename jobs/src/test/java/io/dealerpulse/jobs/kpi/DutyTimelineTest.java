package io.dealerpulse.jobs.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DutyTimelineTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 6, 15);
    /** Paris, 08:00–18:00 local = 06:00–16:00 UTC. */
    private static final SiteCalendar PARIS = new SiteCalendar(
            Registries.site("s1", "Europe/Paris").everyDay("08:00", "18:00").build());
    private static final Instant OPENING = Instant.parse("2026-06-15T06:00:00Z");
    private static final Instant SIGN_ON_0810 = Instant.parse("2026-06-15T06:10:00Z");
    private static final Instant SIGN_OFF_0820 = Instant.parse("2026-06-15T06:20:00Z");
    private static final Instant LAST_WINDOW = Instant.parse("2026-06-15T15:45:00Z");

    private static Slot slotAt(Instant t) {
        return PARIS.slotContaining(t);
    }

    private static DutyEvent on(String advisor, Instant t) {
        return new DutyEvent(advisor, t, true, "on-" + advisor + t);
    }

    private static DutyEvent off(String advisor, Instant t) {
        return new DutyEvent(advisor, t, false, "off-" + advisor + t);
    }

    @Test
    void signOnCarriesAcrossTheWindowBoundaryUntilSignOff() {
        DutyTimeline duty = DutyTimeline.of(List.of(on("a", SIGN_ON_0810), off("a", SIGN_OFF_0820)), PARIS, MONDAY);
        assertThat(duty.staffOnDuty(slotAt(OPENING))).isEqualTo(5.0 / 15.0);
        assertThat(duty.staffOnDuty(slotAt(SIGN_OFF_0820))).isEqualTo(5.0 / 15.0);
    }

    @Test
    void forgottenSignOffEndsAtLocalClosingAndIsNotCarriedToTheNextDay() {
        DutyTimeline monday = DutyTimeline.of(List.of(on("a", SIGN_ON_0810)), PARIS, MONDAY);
        assertThat(monday.staffOnDuty(slotAt(LAST_WINDOW))).isEqualTo(1.0);
        assertThat(monday.staffOnDuty(slotAt(Instant.parse("2026-06-15T16:00:00Z")))).isZero();
        DutyTimeline tuesday = DutyTimeline.of(List.of(on("a", SIGN_ON_0810)), PARIS, MONDAY.plusDays(1));
        assertThat(tuesday.staffOnDuty(slotAt(Instant.parse("2026-06-16T06:15:00Z")))).isZero();
    }

    @Test
    void signOnBeforeOpeningCountsFromTheFirstWindowAndAfterClosingCountsNothing() {
        DutyTimeline duty = DutyTimeline.of(List.of(
                on("early", Instant.parse("2026-06-15T05:50:00Z")),
                on("late", Instant.parse("2026-06-15T16:05:00Z"))), PARIS, MONDAY);
        assertThat(duty.staffOnDuty(slotAt(OPENING))).isEqualTo(1.0);
        assertThat(duty.staffOnDuty(slotAt(LAST_WINDOW))).isEqualTo(1.0);
    }

    @Test
    void repeatedSignOnAndUnmatchedSignOffChangeNothing() {
        DutyTimeline duty = DutyTimeline.of(List.of(
                off("a", Instant.parse("2026-06-15T06:01:00Z")),
                on("a", SIGN_ON_0810),
                on("a", Instant.parse("2026-06-15T06:12:00Z")),
                off("a", SIGN_OFF_0820),
                off("a", Instant.parse("2026-06-15T06:25:00Z"))), PARIS, MONDAY);
        assertThat(duty.staffOnDuty(slotAt(OPENING))).isEqualTo(5.0 / 15.0);
        assertThat(duty.staffOnDuty(slotAt(SIGN_OFF_0820))).isEqualTo(5.0 / 15.0);
    }

    @Test
    void twoAdvisorsAddUpAndSameInstantSignOnSignOffIsAZeroLengthDuty() {
        DutyTimeline duty = DutyTimeline.of(List.of(
                on("a", OPENING), on("b", OPENING),
                on("c", SIGN_ON_0810), off("c", SIGN_ON_0810)), PARIS, MONDAY);
        assertThat(duty.staffOnDuty(slotAt(OPENING))).isEqualTo(2.0);
    }

    @Test
    void lunchClosureKeepsTheAdvisorOnDutyUntilTheDaysLastClosing() {
        SiteCalendar lunch = new SiteCalendar(Registries.site("s1", "Europe/Paris")
                .everyDay("08:00", "12:00").everyDay("14:00", "17:00").build());
        DutyTimeline duty = DutyTimeline.of(List.of(on("a", OPENING)), lunch, MONDAY);
        assertThat(duty.staffOnDuty(lunch.slotContaining(Instant.parse("2026-06-15T10:30:00Z")))).isEqualTo(1.0);
        assertThat(duty.staffOnDuty(lunch.slotContaining(Instant.parse("2026-06-15T14:45:00Z")))).isEqualTo(1.0);
        assertThat(duty.staffOnDuty(lunch.slotContaining(Instant.parse("2026-06-15T15:00:00Z")))).isZero();
    }
}
