package io.dealerpulse.jobs.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.jobs.kpi.AppointmentAction.Kind;
import io.dealerpulse.jobs.kpi.RegistryHistory.VersionedCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowCalculatorTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 6, 15);
    private static final RegistryHistory PARIS = new RegistryHistory(List.of(
            Registries.site("paris-1", "Europe/Paris").everyDay("08:00", "18:00").band(1.0, 4.0).build()));
    /** 08:00, 08:15 and 08:30 local (Paris, +02:00). */
    private static final Instant OPENING = Instant.parse("2026-06-15T06:00:00Z");
    private static final Instant QUARTER_PAST = Instant.parse("2026-06-15T06:15:00Z");
    private static final Instant HALF_PAST = Instant.parse("2026-06-15T06:30:00Z");

    private static StaffingWindow window(RegistryHistory registry, SiteActivity activity, Instant slotStart) {
        RegistryHistory.SlotInForce slot = registry.slotAt(slotStart).orElseThrow();
        VersionedCalendar version = slot.calendar();
        return WindowCalculator.compute(version, slot.slot().localDate(), List.of(slot.slot()), activity).get(0);
    }

    private static Instant at(Instant base, int minutes) {
        return base.plusSeconds(60L * minutes);
    }

    @Test
    void visitorsPerStaffWithTimeWeightedStaffAndTags() {
        SiteActivity activity = new SiteActivity()
                .add(new Entry(at(OPENING, 1), 2)).add(new Entry(at(OPENING, 14), 1))
                .add(new Entry(QUARTER_PAST, 5))
                .add(new DutyEvent("a", at(OPENING, 5), true, "e1"));
        StaffingWindow w = window(PARIS, activity, OPENING);
        assertThat(w.visitors()).isEqualTo(3);
        assertThat(w.staffOnDuty()).isEqualTo(10.0 / 15.0);
        assertThat(w.visitorsPerStaff()).isEqualTo(4.5);
        assertThat(w.ratioValid()).isTrue();
        assertThat(w.status()).isEqualTo(StaffingStatus.UNDER_STAFFED);
        assertThat(w.localDate()).isEqualTo(MONDAY);
        assertThat(w.localHour()).isEqualTo(8);
        assertThat(w.utcOffsetMinutes()).isEqualTo(120);
        assertThat(w.investorGroup()).isEqualTo("ig-1");
        assertThat(w.end()).isEqualTo(QUARTER_PAST);
    }

    @Test
    void unstaffedAndIdleWindows() {
        SiteActivity activity = new SiteActivity().add(new Entry(at(OPENING, 3), 2));
        StaffingWindow unstaffed = window(PARIS, activity, OPENING);
        assertThat(unstaffed.unstaffed()).isTrue();
        assertThat(unstaffed.ratioValid()).isFalse();
        assertThat(unstaffed.status()).isEqualTo(StaffingStatus.UNDER_STAFFED);
        StaffingWindow idle = window(PARIS, activity, QUARTER_PAST);
        assertThat(idle.status()).isEqualTo(StaffingStatus.IDLE);
        assertThat(idle.unstaffed()).isFalse();
        assertThat(idle.ratioValid()).isFalse();
    }

    @Test
    void visitsBelongToTheFirstCheckInsWindowAndWaitUntilTheFirstServedAfterIt() {
        SiteActivity activity = new SiteActivity()
                .add(new CheckIn("v1", at(OPENING, 10), "c1", null))
                .add(new CheckIn("v1", at(QUARTER_PAST, 2), "c1-again", null))  // second check-in of the same visit
                .add(new Served("v1", at(OPENING, 9)))                           // before the check-in: ignored
                .add(new Served("v1", at(QUARTER_PAST, 0)))
                .add(new Served("v1", at(QUARTER_PAST, 7)))
                .add(new CheckIn("v2", at(OPENING, 11), "c2", "ref-known"))
                .add(new Served("v2", at(OPENING, 12)))
                .add(new CheckIn("v3", at(OPENING, 14), "c3", "ref-unknown"));  // never served today
        StaffingWindow first = window(PARIS, activity, OPENING);
        assertThat(first.checkIns()).isEqualTo(3);
        assertThat(first.walkIns()).isEqualTo(1);
        assertThat(first.waitingServed()).isEqualTo(2);
        assertThat(first.waitingMeanSeconds()).isEqualTo((300.0 + 60.0) / 2);
        assertThat(first.waitingP90Seconds()).isEqualTo(300.0);
        assertThat(window(PARIS, activity, QUARTER_PAST).checkIns()).isZero();
    }

    @Test
    void servedAfterTheLocalDayEndsIsNotCounted() {
        SiteActivity activity = new SiteActivity()
                .add(new CheckIn("v1", Instant.parse("2026-06-15T15:50:00Z"), "c1", null))
                .add(new Served("v1", Instant.parse("2026-06-15T22:00:00Z"))); // next local midnight
        StaffingWindow w = window(PARIS, activity, Instant.parse("2026-06-15T15:45:00Z"));
        assertThat(w.checkIns()).isEqualTo(1);
        assertThat(w.waitingServed()).isZero();
        assertThat(w.waitingMeanSeconds()).isZero();
    }

    @Test
    void appointmentsRescheduledCancelledAndReactivated() {
        Instant dayBefore = Instant.parse("2026-06-14T10:00:00Z");
        SiteActivity activity = new SiteActivity()
                // booked 08:00, rescheduled to 08:15: due at 08:15 only
                .add(new AppointmentAction("r1", Kind.BOOKED, OPENING, dayBefore, "a1"))
                .add(new AppointmentAction("r1", Kind.RESCHEDULED, QUARTER_PAST, at(dayBefore, 1), "a2"))
                // booked 08:00 then cancelled: never due
                .add(new AppointmentAction("r2", Kind.BOOKED, OPENING, dayBefore, "b1"))
                .add(new AppointmentAction("r2", Kind.CANCELLED, OPENING, at(dayBefore, 1), "b2"))
                // booked, cancelled, then rescheduled: reactivated at 08:00
                .add(new AppointmentAction("r3", Kind.BOOKED, OPENING, dayBefore, "c1"))
                .add(new AppointmentAction("r3", Kind.CANCELLED, OPENING, at(dayBefore, 1), "c2"))
                .add(new AppointmentAction("r3", Kind.RESCHEDULED, OPENING, at(dayBefore, 2), "c3"))
                // the customer of r3 checks in late (08:40), the cancelled r2 customer turns up anyway
                .add(new CheckIn("v3", at(HALF_PAST, 10), "k3", "r3"))
                .add(new CheckIn("v2", at(HALF_PAST, 11), "k2", "r2"));
        StaffingWindow eight = window(PARIS, activity, OPENING);
        assertThat(eight.appointmentsDue()).isEqualTo(1);
        assertThat(eight.appointmentsArrived()).isEqualTo(1);
        StaffingWindow quarterPast = window(PARIS, activity, QUARTER_PAST);
        assertThat(quarterPast.appointmentsDue()).isEqualTo(1);
        assertThat(quarterPast.appointmentsArrived()).isZero();
        StaffingWindow halfPast = window(PARIS, activity, HALF_PAST);
        assertThat(halfPast.checkIns()).isEqualTo(2);
        assertThat(halfPast.walkIns()).as("a cancelled reference is a check-in, not a walk-in").isZero();
    }

    @Test
    void appointmentActionAfterTheDayDoesNotChangeTheStoredValue() {
        SiteActivity activity = new SiteActivity()
                .add(new AppointmentAction("r1", Kind.BOOKED, OPENING, Instant.parse("2026-06-14T10:00:00Z"), "a1"))
                .add(new AppointmentAction("r1", Kind.CANCELLED, OPENING, Instant.parse("2026-06-15T22:00:00Z"), "a2"));
        assertThat(window(PARIS, activity, OPENING).appointmentsDue()).isEqualTo(1);
    }

    @Test
    void sameActionTimeIsBrokenByTheGreatestEventId() {
        Instant t = Instant.parse("2026-06-14T10:00:00Z");
        SiteActivity activity = new SiteActivity()
                .add(new AppointmentAction("r1", Kind.CANCELLED, OPENING, t, "z"))
                .add(new AppointmentAction("r1", Kind.BOOKED, OPENING, t, "a"));
        assertThat(window(PARIS, activity, OPENING).appointmentsDue()).isZero();
    }

    @Test
    void kolkataWindowsAreOnTheHalfHourInUtcAndReunionOnTheHour() {
        RegistryHistory kolkata = new RegistryHistory(List.of(
                Registries.site("in-1", "Asia/Kolkata").everyDay("09:00", "18:00").build()));
        Instant nineLocal = Instant.parse("2026-06-15T03:30:00Z");
        SiteActivity activity = new SiteActivity().add(new Entry(nineLocal, 1)).add(new Entry(at(nineLocal, -1), 7));
        StaffingWindow w = window(kolkata, activity, nineLocal);
        assertThat(w.visitors()).isEqualTo(1);
        assertThat(w.localHour()).isEqualTo(9);
        assertThat(w.utcOffsetMinutes()).isEqualTo(330);
        assertThat(kolkata.openSlotsStartingIn(Instant.parse("2026-06-14T18:30:00Z"), Instant.parse("2026-06-15T18:30:00Z")))
                .hasSize(36).first().extracting(s -> s.slot().start()).isEqualTo(nineLocal);

        RegistryHistory reunion = new RegistryHistory(List.of(
                Registries.site("re-1", "Indian/Reunion").everyDay("08:00", "17:00").build()));
        StaffingWindow r = window(reunion, new SiteActivity(), Instant.parse("2026-06-15T04:00:00Z"));
        assertThat(r.localHour()).isEqualTo(8);
        assertThat(r.utcOffsetMinutes()).isEqualTo(240);
        assertThat(r.localDate()).isEqualTo(MONDAY);
    }

    @Test
    void theRepeatedParisHourGivesTwoWindowsWithTheirOwnOffsetAndValues() {
        RegistryHistory paris = new RegistryHistory(List.of(
                Registries.site("paris-night", "Europe/Paris").everyDay("00:00", "24:00").build()));
        Instant first0200 = Instant.parse("2026-10-25T00:00:00Z");
        Instant second0200 = Instant.parse("2026-10-25T01:00:00Z");
        SiteActivity activity = new SiteActivity().add(new Entry(first0200, 1)).add(new Entry(second0200, 2));
        StaffingWindow first = window(paris, activity, first0200);
        StaffingWindow second = window(paris, activity, second0200);
        assertThat(List.of(first.localHour(), second.localHour())).containsExactly(2, 2);
        assertThat(List.of(first.utcOffsetMinutes(), second.utcOffsetMinutes())).containsExactly(120, 60);
        assertThat(List.of(first.visitors(), second.visitors())).containsExactly(1L, 2L);
    }

    @Test
    void registryVersionEffectiveMidDayAppliesFromTheFirstWindowStartingAtOrAfterIt() {
        Instant noonLocal = Instant.parse("2026-06-15T10:00:00Z");
        RegistryHistory history = new RegistryHistory(List.of(
                Registries.site("paris-1", "Europe/Paris").everyDay("08:00", "18:00").band(1.0, 4.0).build(),
                Registries.site("paris-1", "Europe/Paris").everyDay("08:00", "18:00").band(5.0, 9.0)
                        .region("south").effectiveFrom(at(noonLocal, 7)).build()));
        assertThat(window(history, new SiteActivity(), noonLocal).region()).isEqualTo("north");
        StaffingWindow after = window(history, new SiteActivity(), at(noonLocal, 15));
        assertThat(after.region()).isEqualTo("south");
        assertThat(after.targetMin()).isEqualTo(5.0);
        List<RegistryHistory.SlotInForce> day = history.openSlotsStartingIn(
                Instant.parse("2026-06-14T22:00:00Z"), Instant.parse("2026-06-15T22:00:00Z"));
        assertThat(day).hasSize(40);
        assertThat(day.get(16).calendar().version().getRegion()).isEqualTo("north");
        assertThat(day.get(17).calendar().version().getRegion()).isEqualTo("south");
    }

    @Test
    void noVersionInForceMeansNoWindow() {
        RegistryHistory late = new RegistryHistory(List.of(Registries.site("s", "Europe/Paris")
                .everyDay("08:00", "18:00").effectiveFrom(Instant.parse("2026-06-15T10:00:00Z")).build()));
        assertThat(late.slotAt(OPENING)).isEmpty();
        assertThat(late.isOpenAt(Instant.parse("2026-06-15T10:00:00Z"))).isTrue();
        assertThat(late.openSlotsStartingIn(Instant.parse("2026-06-14T22:00:00Z"), Instant.parse("2026-06-15T22:00:00Z")))
                .hasSize(24);
    }
}
