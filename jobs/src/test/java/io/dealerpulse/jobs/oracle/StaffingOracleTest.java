package io.dealerpulse.jobs.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.Direction;
import io.dealerpulse.jobs.scenario.RegistryVersions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The oracle on small inputs whose expected windows are computed by hand in the comments. */
class StaffingOracleTest {
    private static final Duration FIVE_MIN = Duration.ofMinutes(5);

    @Nested
    class ParisDaylightSavingDays {
        @Test
        void springForwardDayHas92SlotsAndTheOffsetChangesAfterTheSkippedHour() {
            OracleFixture f = new OracleFixture("paris-1", "Europe/Paris");
            f.registry(RegistryVersions.site("paris-1", "Europe/Paris").everyDay("00:00-24:00")
                    .effectiveFrom(f.at("2026-03-29T00:00")));
            f.heartbeat("2026-03-30T00:20"); // clock 00:18 on the 30th: every slot of the 29th has closed

            OracleResult result = f.compute();

            List<ExpectedWindow> day = result.windows().stream()
                    .filter(w -> w.tags().get("local_date").equals("2026-03-29")).toList();
            assertThat(day).hasSize(92);
            assertThat(result.windows()).hasSize(93); // + 00:00-00:15 of the 30th
            assertThat(f.window(result, "2026-03-29T01:45").fields().get("utc_offset_min")).isEqualTo(60L);
            ExpectedWindow afterGap = OracleFixture.window(result, Instant.parse("2026-03-29T01:00:00Z"));
            assertThat(afterGap.tags().get("local_hour")).isEqualTo("03");
            assertThat(afterGap.fields().get("utc_offset_min")).isEqualTo(120L);
            assertThat(day.stream().map(w -> w.tags().get("local_hour")).filter("02"::equals)).isEmpty();
            assertThat(f.window(result, "2026-03-29T12:00").fields().get("status")).isEqualTo("idle");
        }

        @Test
        void fallBackDayHas100SlotsAndTheRepeatedHourTwiceWithTwoOffsets() {
            OracleFixture f = new OracleFixture("paris-1", "Europe/Paris");
            f.registry(RegistryVersions.site("paris-1", "Europe/Paris").everyDay("00:00-04:00")
                    .effectiveFrom(f.at("2026-10-25T00:00")));
            // a visitor in each 02:00 slot: first pass (UTC+2) and second pass (UTC+1)
            f.send(f.records.footfall("door", "main", true, Direction.IN, 3, Instant.parse("2026-10-25T00:00:00Z"), FIVE_MIN),
                    f.records.footfall("door", "main", true, Direction.IN, 4, Instant.parse("2026-10-25T01:00:00Z"), FIVE_MIN));
            f.heartbeat("2026-10-25T05:00");

            OracleResult result = f.compute();

            // 00:00-04:00 local is 5 real hours that day: 20 open slots
            assertThat(result.windows()).hasSize(20);
            List<ExpectedWindow> twoAm = result.windows().stream()
                    .filter(w -> w.tags().get("local_hour").equals("02")).toList();
            assertThat(twoAm).hasSize(8);
            ExpectedWindow first = OracleFixture.window(result, Instant.parse("2026-10-25T00:00:00Z"));
            ExpectedWindow second = OracleFixture.window(result, Instant.parse("2026-10-25T01:00:00Z"));
            assertThat(first.fields()).containsEntry("utc_offset_min", 120L).containsEntry("visitors", 3L);
            assertThat(second.fields()).containsEntry("utc_offset_min", 60L).containsEntry("visitors", 4L);
            assertThat(first.tags()).isEqualTo(second.tags()); // same series, told apart by time
            assertThat(first.fields().get("status")).isEqualTo("under_staffed");
            assertThat(first.fields().get("unstaffed")).isEqualTo(true);
        }

        @Test
        void fullDayOnFallBackHas100Slots() {
            OracleFixture f = new OracleFixture("paris-1", "Europe/Paris");
            f.registry(RegistryVersions.site("paris-1", "Europe/Paris").everyDay("00:00-24:00")
                    .effectiveFrom(f.at("2026-10-25T00:00")));
            f.heartbeat("2026-10-25T23:59").heartbeat("2026-10-26T00:02");
            assertThat(f.compute().windows()).hasSize(100);
        }
    }

    @Nested
    class Duty {
        private OracleFixture siteWithLunchClosure() {
            OracleFixture f = new OracleFixture("lyon-1", "Europe/Paris");
            f.registry(RegistryVersions.site("lyon-1", "Europe/Paris").everyDay("09:00-12:00", "14:00-16:00")
                    .effectiveFrom(f.at("2026-05-04T00:00")));
            return f;
        }

        @Test
        void signOnAcrossABoundaryCountsTimeWeightedAndAForgottenSignOffEndsAtClosing() {
            OracleFixture f = siteWithLunchClosure();
            f.send(f.records.signOn("m1", "adv-b", f.at("2026-05-04T09:00")),
                    f.records.signOn("m2", "adv-a", f.at("2026-05-04T10:07:30")),
                    f.records.signOff("m3", "adv-b", f.at("2026-05-04T10:05")),
                    f.records.signOn("m4", "adv-a", f.at("2026-05-04T10:30")), // already on: nothing
                    f.records.signOff("m5", "adv-b", f.at("2026-05-04T11:00"))); // already off: nothing
            f.heartbeat("2026-05-05T10:00");

            OracleResult result = f.compute();

            // 10:00-10:15: b 300 s + a 450 s = 750 s / 900
            assertThat((double) f.window(result, "2026-05-04T10:00").fields().get("staff_on_duty"))
                    .isCloseTo(750.0 / 900, within(1e-12));
            assertThat(f.window(result, "2026-05-04T09:45").fields().get("staff_on_duty")).isEqualTo(1.0);
            assertThat(f.window(result, "2026-05-04T11:00").fields().get("staff_on_duty")).isEqualTo(1.0);
            // a never signed off: on duty through lunch until the last interval's end, 16:00
            assertThat(f.window(result, "2026-05-04T15:45").fields().get("staff_on_duty")).isEqualTo(1.0);
            assertThat(f.window(result, "2026-05-04T15:45").fields().get("status")).isEqualTo("over_staffed");
            // ...and never into the next day
            assertThat(f.window(result, "2026-05-05T09:00").fields().get("staff_on_duty")).isEqualTo(0.0);
            assertThat(f.window(result, "2026-05-05T09:00").fields().get("status")).isEqualTo("idle");
            // lunch slots are not emitted
            assertThat(result.windows()).noneMatch(w -> w.time().equals(f.at("2026-05-04T12:00")));
            assertThat(result.windowsOf("lyon-1").stream().filter(w -> w.tags().get("local_date").equals("2026-05-04")))
                    .hasSize(20);
        }

        @Test
        void signOnBeforeOpeningPutsTheAdvisorOnDutyAtOpeningAndSignOnAfterClosingGivesNoDuty() {
            OracleFixture f = siteWithLunchClosure();
            f.send(f.records.signOn("m1", "adv-a", f.at("2026-05-04T08:50")),
                    f.records.signOn("m2", "adv-b", f.at("2026-05-04T16:05")));
            f.heartbeat("2026-05-05T00:30");

            OracleResult result = f.compute();

            assertThat(f.window(result, "2026-05-04T09:00").fields().get("staff_on_duty")).isEqualTo(1.0);
            assertThat(f.window(result, "2026-05-04T15:45").fields().get("staff_on_duty")).isEqualTo(1.0);
            assertThat(result.totals(InputStream.KIOSK, "lyon-1").get(Bucket.OUTSIDE_OPENING_HOURS)).isEqualTo(2);
        }
    }

    @Nested
    class StatusAndRatio {
        @Test
        void unstaffedIdleZeroRatioAndInclusiveBandBounds() {
            OracleFixture f = new OracleFixture("nice-1", "Europe/Paris");
            f.registry(RegistryVersions.site("nice-1", "Europe/Paris").band(2.0, 6.0).everyDay("09:00-11:00")
                    .effectiveFrom(f.at("2026-06-01T00:00")));
            f.send(in(f, "2026-06-01T09:00", 3), // no staff yet: unstaffed
                    f.records.footfall("door", "main", true, Direction.OUT, 9, f.at("2026-06-01T09:20"), FIVE_MIN),
                    f.records.footfall("door", "workshop", false, Direction.IN, 9, f.at("2026-06-01T09:20"), FIVE_MIN),
                    f.records.signOn("m1", "adv-a", f.at("2026-06-01T09:30")),
                    in(f, "2026-06-01T09:45", 6), in(f, "2026-06-01T10:00", 7), in(f, "2026-06-01T10:15", 1),
                    in(f, "2026-06-01T10:30", 2));
            f.heartbeat("2026-06-01T12:00");

            OracleResult result = f.compute();

            assertThat(f.window(result, "2026-06-01T09:00").fields()).containsEntry("status", "under_staffed")
                    .containsEntry("unstaffed", true).containsEntry("ratio_valid", false)
                    .containsEntry("visitors_per_staff", 0.0).containsEntry("visitors", 3L);
            // exits and non-reception lines are not visitors
            assertThat(f.window(result, "2026-06-01T09:15").fields()).containsEntry("status", "idle")
                    .containsEntry("visitors", 0L).containsEntry("unstaffed", false).containsEntry("ratio_valid", false);
            assertThat(f.window(result, "2026-06-01T09:30").fields()).containsEntry("status", "over_staffed")
                    .containsEntry("visitors_per_staff", 0.0).containsEntry("ratio_valid", true);
            assertThat(f.window(result, "2026-06-01T09:45").fields()).containsEntry("status", "ok")
                    .containsEntry("visitors_per_staff", 6.0);
            assertThat(f.window(result, "2026-06-01T10:00").fields()).containsEntry("status", "under_staffed")
                    .containsEntry("unstaffed", false);
            assertThat(f.window(result, "2026-06-01T10:15").fields()).containsEntry("status", "over_staffed");
            assertThat(f.window(result, "2026-06-01T10:30").fields()).containsEntry("status", "ok")
                    .containsEntry("target_min", 2.0).containsEntry("target_max", 6.0);
        }

        private io.dealerpulse.events.FootfallEvent in(OracleFixture f, String local, int count) {
            return f.records.footfall("door", "main", true, Direction.IN, count, f.at(local), FIVE_MIN);
        }
    }

    @Nested
    class Visits {
        @Test
        void waitingMeanAndNearestRankP90OverServedVisitsOfTheFirstCheckInWindow() {
            OracleFixture f = new OracleFixture("kolkata-1", "Asia/Kolkata");
            f.registry(RegistryVersions.site("kolkata-1", "Asia/Kolkata").everyDay("09:30-19:00")
                    .effectiveFrom(f.at("2026-03-29T00:00")));
            Instant base = f.at("2026-03-29T10:00");
            for (int i = 1; i <= 11; i++) {
                f.send(f.records.checkIn("c" + i, "v" + i, null, base.plusSeconds(i)));
                if (i <= 10) {
                    f.send(f.records.served("s" + i, "v" + i, "adv", base.plusSeconds(i + 10L * i)));
                }
            }
            // v1 checks in again later: its first check-in stays the one at 10:00:01
            f.send(f.records.checkIn("c1-again", "v1", null, f.at("2026-03-29T10:20")));
            // a served event before v11's check-in does not count
            f.send(f.records.served("s11-early", "v11", "adv", base));
            f.heartbeat("2026-03-29T19:30");

            OracleResult result = f.compute();

            // 10 served waits 10, 20, ..., 100 s; v11 never served
            ExpectedWindow window = f.window(result, "2026-03-29T10:00");
            assertThat(window.fields()).containsEntry("check_ins", 11L).containsEntry("walk_ins", 11L)
                    .containsEntry("waiting_served", 10L).containsEntry("waiting_mean_s", 55.0)
                    .containsEntry("waiting_p90_s", 90.0) // ceil(0.9 * 10) = 9th smallest
                    .containsEntry("utc_offset_min", 330L);
            assertThat(window.tags()).containsEntry("local_hour", "10").containsEntry("local_date", "2026-03-29");
            assertThat(f.window(result, "2026-03-29T10:15").fields()).containsEntry("check_ins", 0L);
        }

        @Test
        void nearestRankOfElevenIsTheTenthSmallest() {
            assertThat(WindowCalculator.nearestRankP90(List.of(11.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0)))
                    .isEqualTo(10.0);
            assertThat(WindowCalculator.nearestRankP90(List.of(42.5))).isEqualTo(42.5);
        }

        @Test
        void walkInsAppointmentsRescheduledCancelledReactivatedAndArrivals() {
            OracleFixture f = new OracleFixture("reunion-1", "Indian/Reunion");
            f.registry(RegistryVersions.site("reunion-1", "Indian/Reunion").everyDay("08:00-12:00")
                    .effectiveFrom(f.at("2026-03-28T00:00")));
            Instant booked = f.at("2026-03-28T15:00");
            f.send(f.records.appointment("A", AppointmentAction.BOOKED, f.at("2026-03-29T10:00"), booked),
                    f.records.appointment("B", AppointmentAction.BOOKED, f.at("2026-03-29T10:05"), booked),
                    f.records.appointment("B", AppointmentAction.CANCELLED, f.at("2026-03-29T10:05"), f.at("2026-03-29T08:00")),
                    f.records.appointment("C", AppointmentAction.BOOKED, f.at("2026-03-29T10:10"), booked),
                    f.records.appointment("C", AppointmentAction.RESCHEDULED, f.at("2026-03-29T11:00"), f.at("2026-03-29T09:00")),
                    f.records.appointment("D", AppointmentAction.BOOKED, f.at("2026-03-29T10:20"), booked),
                    f.records.appointment("D", AppointmentAction.CANCELLED, f.at("2026-03-29T10:20"), f.at("2026-03-29T08:30")),
                    f.records.appointment("D", AppointmentAction.RESCHEDULED, f.at("2026-03-29T10:30"), f.at("2026-03-29T08:45")),
                    f.records.appointment("E", AppointmentAction.BOOKED, f.at("2026-03-29T10:12"), booked),
                    // F's reschedule is recorded after the end of the local day: as of T it is still due at 10:00
                    f.records.appointment("F", AppointmentAction.BOOKED, f.at("2026-03-29T10:01"), booked),
                    f.records.appointment("F", AppointmentAction.RESCHEDULED, f.at("2026-03-30T10:00"), f.at("2026-03-30T07:00")));
            f.send(f.records.checkIn("k1", "v1", "A", f.at("2026-03-29T09:55")),
                    f.records.checkIn("k2", "v2", "B", f.at("2026-03-29T10:01")),
                    f.records.checkIn("k3", "v3", "unknown-ref", f.at("2026-03-29T10:02")),
                    f.records.checkIn("k4", "v4", null, f.at("2026-03-29T10:03")),
                    f.records.checkIn("k5", "v5", "D", f.at("2026-03-29T10:31")),
                    f.records.checkIn("k6", "v6", "C", f.at("2026-03-29T11:50")));
            f.heartbeat("2026-03-29T12:30");

            OracleResult result = f.compute();

            // A (10:00), E (10:12) and F (10:01) are due in 10:00; only A's customer checked in
            assertThat(f.window(result, "2026-03-29T10:00").fields()).containsEntry("appointments_due", 3L)
                    .containsEntry("appointments_arrived", 1L)
                    .containsEntry("check_ins", 3L) // B's cancelled and the unknown ref are check-ins, not walk-ins
                    .containsEntry("walk_ins", 1L);
            assertThat(f.window(result, "2026-03-29T09:45").fields()).containsEntry("check_ins", 1L)
                    .containsEntry("walk_ins", 0L).containsEntry("appointments_due", 0L);
            // D cancelled then rescheduled: reactivated at 10:30, customer came at 10:31
            assertThat(f.window(result, "2026-03-29T10:30").fields()).containsEntry("appointments_due", 1L)
                    .containsEntry("appointments_arrived", 1L);
            // C moved to 11:00; its customer checked in at 11:50, same local day: arrived
            assertThat(f.window(result, "2026-03-29T11:00").fields()).containsEntry("appointments_due", 1L)
                    .containsEntry("appointments_arrived", 1L);
            assertThat(f.window(result, "2026-03-29T10:15").fields()).containsEntry("appointments_due", 0L);
            assertThat(result.totals(InputStream.APPOINTMENT, "reunion-1").get(Bucket.AGGREGATED)).isEqualTo(11);
        }

        @Test
        void anAppointmentMovedOutsideOpeningHoursIsDueNowhereAndCountsOutsideOpeningHours() {
            OracleFixture f = new OracleFixture("reunion-1", "Indian/Reunion");
            f.registry(RegistryVersions.site("reunion-1", "Indian/Reunion").everyDay("08:00-12:00")
                    .effectiveFrom(f.at("2026-03-28T00:00")));
            f.send(f.records.appointment("G", AppointmentAction.BOOKED, f.at("2026-03-29T09:00"), f.at("2026-03-28T15:00")),
                    f.records.appointment("G", AppointmentAction.RESCHEDULED, f.at("2026-03-29T13:00"), f.at("2026-03-29T07:00")));
            f.heartbeat("2026-03-29T12:30");

            OracleResult result = f.compute();

            assertThat(result.windows()).allSatisfy(w -> assertThat(w.fields()).containsEntry("appointments_due", 0L));
            AccountingTotals appointments = result.totals(InputStream.APPOINTMENT, "reunion-1");
            assertThat(appointments.get(Bucket.AGGREGATED)).isEqualTo(1);
            assertThat(appointments.get(Bucket.OUTSIDE_OPENING_HOURS)).isEqualTo(1);
        }
    }

    @Nested
    class DuplicatesLatenessAndAccounting {
        private OracleFixture site() {
            OracleFixture f = new OracleFixture("santiago-1", "America/Santiago");
            f.registry(RegistryVersions.site("santiago-1", "America/Santiago").everyDay("09:00-18:00")
                    .exception(LocalDate.parse("2026-03-28"), "closure")
                    .effectiveFrom(f.at("2026-03-28T00:00")));
            return f;
        }

        @Test
        void firstOccurrenceWinsForDuplicates() {
            OracleFixture f = site();
            var in = f.records.footfall("door", "main", true, Direction.IN, 4, f.at("2026-03-29T09:00"), FIVE_MIN);
            var checkIn = f.records.checkIn("k1", "v1", null, f.at("2026-03-29T09:01"));
            f.send(in, checkIn, in, checkIn, in).heartbeat("2026-03-29T10:00");

            OracleResult result = f.compute();

            assertThat(f.window(result, "2026-03-29T09:00").fields()).containsEntry("visitors", 4L)
                    .containsEntry("check_ins", 1L);
            assertThat(result.totals(InputStream.FOOTFALL, "santiago-1").get(Bucket.DUPLICATE)).isEqualTo(2);
            assertThat(result.totals(InputStream.KIOSK, "santiago-1").get(Bucket.DUPLICATE)).isEqualTo(1);
        }

        @Test
        void lateWithinAllowedLatenessCorrectsItsWindowAndTooLateIsNotApplied() {
            OracleFixture f = site();
            f.send(in(f, "2026-03-29T09:00", 2)); // clock starts at 08:58
            f.heartbeat("2026-03-29T17:00"); // clock 16:58
            f.send(in(f, "2026-03-29T09:15", 5)); // late by hours, within 24 h: corrects 09:15
            f.send(in(f, "2026-03-28T16:57", 7)); // 24 h + 1 min before the clock: too late
            f.send(in(f, "2026-03-29T16:57", 1)); // 1 min behind the clock: late, corrected
            f.send(in(f, "2026-03-29T17:30", 1)); // ahead of the clock: aggregated
            f.heartbeat("2026-03-29T18:30");

            OracleResult result = f.compute();

            assertThat(f.window(result, "2026-03-29T09:15").fields()).containsEntry("visitors", 5L);
            assertThat(f.window(result, "2026-03-29T16:45").fields()).containsEntry("visitors", 1L);
            assertThat(result.windows()).noneMatch(w -> w.tags().get("local_date").equals("2026-03-28"));
            AccountingTotals footfall = result.totals(InputStream.FOOTFALL, "santiago-1");
            assertThat(footfall.get(Bucket.TOO_LATE)).isEqualTo(1);
            assertThat(footfall.get(Bucket.CORRECTED_LATE)).isEqualTo(2);
            assertThat(footfall.get(Bucket.AGGREGATED)).isEqualTo(2);
            assertThat(footfall.received()).isEqualTo(5);
            assertThat(result.siteClocks()).containsEntry("santiago-1", f.at("2026-03-29T18:28"));
        }

        @Test
        void outsideOpeningHoursPendingDeadLettersAndUnknownSites() {
            OracleFixture f = site();
            f.send(in(f, "2026-03-29T08:50", 1), in(f, "2026-03-29T09:00", 1), in(f, "2026-03-29T09:20", 1));
            f.arrivals.add(Arrival.undecodable(InputStream.FOOTFALL));
            f.send(new io.dealerpulse.jobs.scenario.SiteRecords("nowhere").footfall("d", "l", true, Direction.IN, 1,
                    f.at("2026-03-29T09:00"), FIVE_MIN));
            f.heartbeat("2026-03-29T09:17"); // clock 09:15: the 09:15 window is still open

            OracleResult result = f.compute();

            AccountingTotals site = result.totals(InputStream.FOOTFALL, "santiago-1");
            assertThat(site.get(Bucket.OUTSIDE_OPENING_HOURS)).isEqualTo(1);
            assertThat(site.get(Bucket.AGGREGATED)).isEqualTo(1);
            assertThat(site.get(Bucket.PENDING)).isEqualTo(1);
            assertThat(result.totals(InputStream.FOOTFALL, "_unknown").get(Bucket.DEAD_LETTERED)).isEqualTo(1);
            assertThat(result.totals(InputStream.FOOTFALL, "nowhere").get(Bucket.DEAD_LETTERED)).isEqualTo(1);
            assertThat(result.streamTotals(InputStream.FOOTFALL).received()).isEqualTo(5);
            assertThat(result.windows()).extracting(ExpectedWindow::time).containsExactly(f.at("2026-03-29T09:00"));
        }

        private io.dealerpulse.events.FootfallEvent in(OracleFixture f, String local, int count) {
            return f.records.footfall("door", "main", true, Direction.IN, count, f.at(local), FIVE_MIN);
        }
    }

    @Nested
    class Registry {
        @Test
        void aVersionEffectiveMidDayAppliesFromTheFirstWindowStartingAtOrAfterIt() {
            OracleFixture f = new OracleFixture("kolkata-1", "Asia/Kolkata");
            f.registry(RegistryVersions.site("kolkata-1", "Asia/Kolkata").band(2.0, 6.0).everyDay("09:30-19:00")
                    .effectiveFrom(f.at("2026-03-29T00:00")));
            f.registry(RegistryVersions.site("kolkata-1", "Asia/Kolkata").band(1.0, 3.0).region("south")
                    .everyDay("09:30-14:00", "14:30-19:00").effectiveFrom(f.at("2026-03-29T12:07")));
            f.heartbeat("2026-03-29T19:05");

            OracleResult result = f.compute();

            assertThat(f.window(result, "2026-03-29T12:00").fields()).containsEntry("target_min", 2.0);
            assertThat(f.window(result, "2026-03-29T12:00").tags()).containsEntry("region", "region-1")
                    .containsEntry("investor_group", "none").containsEntry("country", "FR");
            assertThat(f.window(result, "2026-03-29T12:15").fields()).containsEntry("target_min", 1.0)
                    .containsEntry("target_max", 3.0);
            assertThat(f.window(result, "2026-03-29T12:15").tags()).containsEntry("region", "south");
            // the second version closes 14:00-14:30: 38 slots 09:30-19:00 minus 2
            assertThat(result.windows()).hasSize(36);
        }

        @Test
        void aDatedClosureHasNoWindows() {
            OracleFixture f = new OracleFixture("santiago-1", "America/Santiago");
            f.registry(RegistryVersions.site("santiago-1", "America/Santiago").everyDay("09:00-10:00")
                    .exception(LocalDate.parse("2026-03-28"), "closure")
                    .effectiveFrom(f.at("2026-03-27T00:00")));
            f.heartbeat("2026-03-29T09:30"); // clock 09:28: of the 29th only 09:00-09:15 has closed
            assertThat(f.compute().windows()).extracting(w -> w.tags().get("local_date"))
                    .containsExactly("2026-03-27", "2026-03-27", "2026-03-27", "2026-03-27", "2026-03-29");
        }
    }
}
