package io.dealerpulse.jobs.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteCalendarTest {
    private static final LocalDate PARIS_SPRING_FORWARD = LocalDate.of(2026, 3, 29);
    private static final LocalDate PARIS_FALL_BACK = LocalDate.of(2026, 10, 25);
    private static final LocalDate PARIS_ORDINARY_MONDAY = LocalDate.of(2026, 6, 15);
    private static final LocalDate SANTIAGO_SPRING_FORWARD = LocalDate.of(2026, 9, 6);
    private static final LocalDate SANTIAGO_FALL_BACK_EVE = LocalDate.of(2026, 4, 4);

    private static SiteCalendar allDay(String zone) {
        return new SiteCalendar(Registries.site("s1", zone).everyDay("00:00", "24:00").build());
    }

    @Test
    void parisSpringForwardDayHas92SlotsAndFallBackDay100() {
        assertThat(allDay("Europe/Paris").slots(PARIS_SPRING_FORWARD)).hasSize(92);
        assertThat(allDay("Europe/Paris").slots(PARIS_FALL_BACK)).hasSize(100);
        assertThat(allDay("Europe/Paris").slots(PARIS_ORDINARY_MONDAY)).hasSize(96);
    }

    @Test
    void repeatedParisHourGivesTwoDistinctOpenWindowsPerLocalQuarter() {
        List<Slot> open = allDay("Europe/Paris").openSlots(PARIS_FALL_BACK);
        List<Slot> at0215 = open.stream()
                .filter(s -> s.start().atZone(java.time.ZoneId.of("Europe/Paris")).toLocalTime()
                        .equals(java.time.LocalTime.of(2, 15)))
                .toList();
        assertThat(at0215).extracting(Slot::start).containsExactly(
                Instant.parse("2026-10-25T00:15:00Z"), Instant.parse("2026-10-25T01:15:00Z"));
        assertThat(open).hasSize(100);
    }

    @Test
    void parisSpringForwardSkipsTheMissingHour() {
        SiteCalendar paris = allDay("Europe/Paris");
        List<Slot> slots = paris.slots(PARIS_SPRING_FORWARD);
        // 01:45 local (+01:00) is followed directly by 03:00 local (+02:00).
        assertThat(slots.get(7).start()).isEqualTo(Instant.parse("2026-03-29T00:45:00Z"));
        assertThat(slots.get(8).start().atZone(paris.zone()).toLocalTime()).isEqualTo(java.time.LocalTime.of(3, 0));
        assertThat(paris.utcOffsetMinutes(slots.get(8).start())).isEqualTo(120);
    }

    @Test
    void santiagoSpringForwardDayStartsAtOneInTheMorning() {
        SiteCalendar santiago = allDay("America/Santiago");
        List<Slot> slots = santiago.slots(SANTIAGO_SPRING_FORWARD);
        assertThat(slots).hasSize(92);
        assertThat(slots.get(0).start()).isEqualTo(Instant.parse("2026-09-06T04:00:00Z")); // 01:00-03:00
        assertThat(slots.get(0).start().atZone(santiago.zone()).getHour()).isEqualTo(1);
        assertThat(santiago.slots(SANTIAGO_FALL_BACK_EVE)).hasSize(100);
    }

    @Test
    void reunionAndKolkataSlotsStartAtLocalMidnight() {
        SiteCalendar reunion = allDay("Indian/Reunion");
        SiteCalendar kolkata = allDay("Asia/Kolkata");
        assertThat(reunion.slots(PARIS_ORDINARY_MONDAY).get(0).start()).isEqualTo(Instant.parse("2026-06-14T20:00:00Z"));
        assertThat(kolkata.slots(PARIS_ORDINARY_MONDAY)).hasSize(96);
        assertThat(kolkata.slots(PARIS_ORDINARY_MONDAY).get(0).start()).isEqualTo(Instant.parse("2026-06-14T18:30:00Z"));
        assertThat(kolkata.localDate(Instant.parse("2026-06-14T18:29:59Z"))).isEqualTo(LocalDate.of(2026, 6, 14));
        assertThat(kolkata.localDate(Instant.parse("2026-06-14T18:30:00Z"))).isEqualTo(PARIS_ORDINARY_MONDAY);
    }

    @Test
    void lunchClosureLeavesTheLunchSlotsClosedAndClosingIsTheLastInterval() {
        SiteCalendar paris = new SiteCalendar(Registries.site("s1", "Europe/Paris")
                .everyDay("08:00", "12:00").everyDay("14:00", "18:30").build());
        List<Slot> open = paris.openSlots(PARIS_ORDINARY_MONDAY);
        assertThat(open).hasSize(16 + 18);
        assertThat(open.get(15).start()).isEqualTo(Instant.parse("2026-06-15T09:45:00Z")); // 11:45 local
        assertThat(open.get(16).start()).isEqualTo(Instant.parse("2026-06-15T12:00:00Z")); // 14:00 local
        assertThat(paris.closingTime(PARIS_ORDINARY_MONDAY)).isEqualTo(Instant.parse("2026-06-15T16:30:00Z"));
    }

    @Test
    void slotPartlyOverlappingAnIntervalIsOpen() {
        SiteCalendar paris = new SiteCalendar(Registries.site("s1", "Europe/Paris").everyDay("08:10", "08:20").build());
        assertThat(paris.openSlots(PARIS_ORDINARY_MONDAY)).extracting(Slot::start).containsExactly(
                Instant.parse("2026-06-15T06:00:00Z"), Instant.parse("2026-06-15T06:15:00Z"));
    }

    @Test
    void datedClosureHasNoOpenSlotsAndClosesAtMidnight() {
        SiteCalendar paris = new SiteCalendar(Registries.site("s1", "Europe/Paris").everyDay("08:00", "18:00")
                .closedOn(PARIS_ORDINARY_MONDAY).exceptionOn(PARIS_ORDINARY_MONDAY.plusDays(1), "10:00", "11:00").build());
        assertThat(paris.openSlots(PARIS_ORDINARY_MONDAY)).isEmpty();
        assertThat(paris.closingTime(PARIS_ORDINARY_MONDAY)).isEqualTo(Instant.parse("2026-06-15T22:00:00Z"));
        assertThat(paris.openSlots(PARIS_ORDINARY_MONDAY.plusDays(1))).hasSize(4);
        assertThat(paris.openSlots(PARIS_ORDINARY_MONDAY.plusDays(2))).hasSize(40);
    }

    @Test
    void slotContainingAnInstantMatchesTheEnumeratedSlot() {
        SiteCalendar paris = allDay("Europe/Paris");
        Instant secondOccurrenceOf0220 = Instant.parse("2026-10-25T01:20:00Z");
        Slot slot = paris.slotContaining(secondOccurrenceOf0220);
        assertThat(slot).isEqualTo(paris.slots(PARIS_FALL_BACK).get(13));
        assertThat(slot.start()).isEqualTo(Instant.parse("2026-10-25T01:15:00Z"));
    }
}
