package io.dealerpulse.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.kpi.Registries;
import io.dealerpulse.jobs.sink.InfluxPoint;
import io.dealerpulse.schemas.serde.AvroCodec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteKpiFunctionTest {
    private static final KpiOptions OPTIONS = KpiOptions.defaults().withAccountingOnEveryEvent(true);
    private static final String PARIS = "paris-1";
    private static final SiteRegistryVersion PARIS_REGISTRY =
            Registries.site(PARIS, "Europe/Paris").everyDay("08:00", "18:00").band(1.0, 4.0).build();
    private static final Events AT_PARIS = new Events(PARIS);

    /** Monday 2026-06-15 in Paris (+02:00): 08:00 local = 06:00 UTC. */
    private static final Instant BEFORE_OPENING = Instant.parse("2026-06-15T05:58:00Z");
    private static final Instant OPENING = Instant.parse("2026-06-15T06:00:00Z");
    private static final Instant FIRST_WINDOW_END = Instant.parse("2026-06-15T06:15:00Z");
    private static final Instant AFTERNOON = Instant.parse("2026-06-15T14:00:00Z");
    private static final Instant TUESDAY_MORNING = Instant.parse("2026-06-16T10:00:00Z");
    private static final Duration OUT_OF_ORDERNESS = Duration.ofMinutes(2);

    private static Instant plusMinutes(Instant t, long minutes) {
        return t.plus(Duration.ofMinutes(minutes));
    }

    private static long longField(InfluxPoint p, String name) {
        return p.getLongFields().get(name);
    }

    private static double doubleField(InfluxPoint p, String name) {
        return p.getDoubleFields().get(name);
    }

    private static void assertBucketsAddUp(InfluxPoint accounting) {
        long sum = 0;
        for (Bucket bucket : Bucket.values()) {
            sum += accounting.getLongFields().get(bucket.field());
        }
        assertThat(sum).as("buckets of %s", accounting).isEqualTo(longField(accounting, "received"));
    }

    @Test
    void windowIsWrittenWhenTheSiteClockPassesItsEndAndRewrittenWhenItsCustomerIsServed() throws Exception {
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(PARIS_REGISTRY,
                    AT_PARIS.signOn("alice", BEFORE_OPENING),
                    AT_PARIS.entries(plusMinutes(OPENING, 1), 2),
                    AT_PARIS.checkIn("v1", plusMinutes(OPENING, 5), null),
                    AT_PARIS.heartbeat(FIRST_WINDOW_END.plus(OUT_OF_ORDERNESS).minusMillis(1)));
            assertThat(h.windowWrites(PARIS)).as("site clock 1 ms before the window end").isEmpty();

            h.send(AT_PARIS.heartbeat(FIRST_WINDOW_END.plus(OUT_OF_ORDERNESS)));
            InfluxPoint closed = h.window(PARIS, OPENING);
            assertThat(closed.getTags()).containsExactlyInAnyOrderEntriesOf(Map.of("site", PARIS, "region", "north",
                    "investor_group", "ig-1", "country", "FR", "local_date", "2026-06-15", "local_hour", "08"));
            assertThat(closed.getLongFields()).containsEntry("visitors", 2L).containsEntry("check_ins", 1L)
                    .containsEntry("walk_ins", 1L).containsEntry("waiting_served", 0L)
                    .containsEntry("utc_offset_min", 120L);
            assertThat(closed.getDoubleFields()).containsEntry("staff_on_duty", 1.0)
                    .containsEntry("visitors_per_staff", 2.0).containsEntry("waiting_mean_s", 0.0);
            assertThat(closed.getStringFields()).containsEntry("status", "ok");
            assertThat(closed.getBooleanFields()).containsEntry("ratio_valid", true).containsEntry("unstaffed", false);

            h.send(AT_PARIS.served("v1", plusMinutes(OPENING, 20)));
            assertThat(h.windowWrites(PARIS)).hasSize(2);
            InfluxPoint rewritten = h.window(PARIS, OPENING);
            assertThat(rewritten.getTimestampMillis()).isEqualTo(closed.getTimestampMillis());
            assertThat(longField(rewritten, "waiting_served")).isEqualTo(1);
            assertThat(doubleField(rewritten, "waiting_mean_s")).isEqualTo(900.0);
            assertThat(doubleField(rewritten, "waiting_p90_s")).isEqualTo(900.0);

            InfluxPoint kiosk = h.accounting(PARIS, SourceStream.KIOSK);
            assertThat(longField(kiosk, "received")).isEqualTo(3);
            assertThat(longField(kiosk, "outside_opening_hours")).as("sign-on before opening").isEqualTo(1);
            assertThat(longField(kiosk, "pending")).as("their day has not closed").isEqualTo(2);
            assertBucketsAddUp(kiosk);
            assertThat(h.accounting(PARIS, SourceStream.AGENT_STATUS).getLongFields()).containsEntry("aggregated", 2L);
            assertThat(h.accounting(PARIS, SourceStream.REGISTRY).getLongFields()).containsEntry("aggregated", 1L);
        }
    }

    @Test
    void lateEventCorrectsItsWindowAndTooLateEventGoesToLateEvents() throws Exception {
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(PARIS_REGISTRY, AT_PARIS.heartbeat(OPENING), AT_PARIS.entries(AFTERNOON, 1),
                    AT_PARIS.heartbeat(TUESDAY_MORNING));
            Instant clock = TUESDAY_MORNING.minus(OUT_OF_ORDERNESS);
            assertThat(h.windows(PARIS)).as("40 Monday windows + Tuesday 08:00–09:45").hasSize(40 + 15);
            assertThat(longField(h.window(PARIS, AFTERNOON), "visitors")).isEqualTo(1);

            h.send(AT_PARIS.entries(plusMinutes(AFTERNOON, 5), 3));
            assertThat(longField(h.window(PARIS, AFTERNOON), "visitors")).isEqualTo(4);

            Instant tooOld = clock.minus(Duration.ofHours(24)).minusMillis(1);
            FootfallEvent tooLate = AT_PARIS.entries(tooOld, 5);
            int writesBefore = h.windowWrites(PARIS).size();
            h.send(tooLate);
            assertThat(h.windowWrites(PARIS)).hasSize(writesBefore);
            assertThat(h.lateEvents()).singleElement().satisfies(dl -> {
                assertThat(dl.getReason()).isEqualTo("TOO_LATE");
                assertThat(dl.getEventId()).isEqualTo(tooLate.getEventId());
                assertThat(dl.getStream()).isEqualTo("footfall");
                assertThat(dl.getSiteId()).isEqualTo(PARIS);
                assertThat(AvroCodec.released().decode(bytes(dl.getPayload()))).isEqualTo(tooLate);
            });
            InfluxPoint footfall = h.accounting(PARIS, SourceStream.FOOTFALL);
            assertThat(footfall.getLongFields()).containsEntry("received", 3L).containsEntry("aggregated", 1L)
                    .containsEntry("corrected_late", 1L).containsEntry("too_late", 1L).containsEntry("pending", 0L);
            assertBucketsAddUp(footfall);
        }
    }

    @Test
    void duplicateIdsCountOnce() throws Exception {
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            FootfallEvent entry = AT_PARIS.entries(plusMinutes(OPENING, 3), 2);
            h.send(PARIS_REGISTRY, PARIS_REGISTRY, entry, entry, AT_PARIS.heartbeat(plusMinutes(OPENING, 20)));
            assertThat(longField(h.window(PARIS, OPENING), "visitors")).isEqualTo(2);
            assertThat(h.accounting(PARIS, SourceStream.FOOTFALL).getLongFields())
                    .containsEntry("received", 2L).containsEntry("duplicate", 1L).containsEntry("pending", 1L);
            assertThat(h.accounting(PARIS, SourceStream.REGISTRY).getLongFields())
                    .containsEntry("received", 2L).containsEntry("duplicate", 1L);
        }
    }

    @Test
    void exitsAndNonReceptionDoorsAreNotVisitors() throws Exception {
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(PARIS_REGISTRY,
                    AT_PARIS.footfall(plusMinutes(OPENING, 1), 4, true, Direction.OUT, "door-1"),
                    AT_PARIS.footfall(plusMinutes(OPENING, 2), 5, false, Direction.IN, "workshop"),
                    AT_PARIS.entries(plusMinutes(OPENING, 3), 1),
                    AT_PARIS.heartbeat(plusMinutes(OPENING, 20)));
            InfluxPoint w = h.window(PARIS, OPENING);
            assertThat(longField(w, "visitors")).isEqualTo(1);
            assertThat(w.getStringFields()).containsEntry("status", "under_staffed");
            assertThat(w.getBooleanFields()).containsEntry("unstaffed", true).containsEntry("ratio_valid", false);
        }
    }

    @Test
    void registryVersionTakingEffectMidDayAppliesToLaterWindowsEvenWhenItArrivesAfterThem() throws Exception {
        Instant tenUtc = Instant.parse("2026-06-15T10:00:00Z");
        SiteRegistryVersion widerBand = Registries.site(PARIS, "Europe/Paris").everyDay("08:00", "18:00")
                .band(0.5, 6.0).effectiveFrom(plusMinutes(tenUtc, 7)).build();
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(PARIS_REGISTRY, AT_PARIS.heartbeat(OPENING), AT_PARIS.heartbeat(plusMinutes(tenUtc, 40)));
            assertThat(doubleField(h.window(PARIS, plusMinutes(tenUtc, 15)), "target_max")).isEqualTo(4.0);

            h.send(widerBand);
            assertThat(doubleField(h.window(PARIS, tenUtc), "target_max")).as("starts before the version").isEqualTo(4.0);
            assertThat(doubleField(h.window(PARIS, plusMinutes(tenUtc, 15)), "target_max")).isEqualTo(6.0);
            assertThat(doubleField(h.window(PARIS, plusMinutes(tenUtc, 15)), "target_min")).isEqualTo(0.5);
        }
    }

    @Test
    void offlineSiteCatchingUpAfterADayHasNoLateEvents() throws Exception {
        String lyon = "lyon-1";
        Events atLyon = new Events(lyon);
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(PARIS_REGISTRY, Registries.site(lyon, "Europe/Paris").everyDay("08:00", "18:00").build());
            // Lyon flows through Monday and into Tuesday while Paris is offline.
            for (Instant t = OPENING; t.isBefore(TUESDAY_MORNING); t = plusMinutes(t, 30)) {
                h.send(atLyon.heartbeat(t), atLyon.entries(t, 1));
            }
            // Paris comes back on Tuesday and replays Monday in order.
            h.send(AT_PARIS.signOn("alice", OPENING));
            for (Instant t = OPENING; t.isBefore(Instant.parse("2026-06-15T16:00:00Z")); t = plusMinutes(t, 15)) {
                h.send(AT_PARIS.entries(plusMinutes(t, 1), 3), AT_PARIS.heartbeat(plusMinutes(t, 14)));
            }
            h.send(AT_PARIS.heartbeat(TUESDAY_MORNING));

            assertThat(h.lateEvents()).isEmpty();
            InfluxPoint footfall = h.accounting(PARIS, SourceStream.FOOTFALL);
            assertThat(footfall.getLongFields()).containsEntry("received", 40L).containsEntry("aggregated", 40L)
                    .containsEntry("corrected_late", 0L).containsEntry("too_late", 0L);
            Map<Instant, InfluxPoint> monday = h.windows(PARIS);
            assertThat(monday.values().stream().filter(p -> p.getTags().get("local_date").equals("2026-06-15")))
                    .hasSize(40)
                    .allSatisfy(p -> {
                        assertThat(longField(p, "visitors")).isEqualTo(3);
                        assertThat(doubleField(p, "staff_on_duty")).isEqualTo(1.0);
                    });
            assertThat(h.windows(lyon)).as("Monday + Tuesday 08:00–09:00").hasSize(40 + 13);
        }
    }

    @Test
    void eventsOfAnUnknownSiteAreHeldThenDeadLetteredOrAppliedWhenItsRegistryArrives() throws Exception {
        Instant now = Instant.parse("2026-06-15T06:30:00Z");
        Events atNice = new Events("nice-1");
        Events atLille = new Events("lille-1");
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.setProcessingTime(now);
            FootfallEvent orphan = atNice.entries(OPENING, 2);
            h.send(orphan, atLille.entries(OPENING, 4), atLille.heartbeat(plusMinutes(OPENING, 30)));
            assertThat(h.windowWrites("lille-1")).isEmpty();
            assertThat(h.accounting("nice-1", SourceStream.FOOTFALL).getLongFields()).containsEntry("pending", 1L);

            h.setProcessingTime(now.plus(Duration.ofMinutes(10)));
            h.send(Registries.site("lille-1", "Europe/Paris").everyDay("08:00", "18:00").build());
            assertThat(longField(h.window("lille-1", OPENING), "visitors")).isEqualTo(4);

            h.setProcessingTime(now.plus(Duration.ofHours(1)).minusMillis(1));
            assertThat(h.deadLetters()).isEmpty();
            h.setProcessingTime(now.plus(Duration.ofHours(1)));
            assertThat(h.deadLetters()).singleElement().satisfies(dl -> {
                assertThat(dl.getReason()).isEqualTo("UNKNOWN_SITE");
                assertThat(dl.getSiteId()).isEqualTo("nice-1");
                assertThat(AvroCodec.released().decode(bytes(dl.getPayload()))).isEqualTo(orphan);
            });
            InfluxPoint nice = h.accounting("nice-1", SourceStream.FOOTFALL);
            assertThat(nice.getLongFields()).containsEntry("received", 1L).containsEntry("dead_lettered", 1L)
                    .containsEntry("pending", 0L);
            assertThat(h.accounting("lille-1", SourceStream.FOOTFALL).getLongFields())
                    .containsEntry("received", 1L).containsEntry("pending", 1L);
        }
    }

    @Test
    void undecodableInputWithoutSiteIsCountedUnderUnknown() throws Exception {
        DeadLetter undecodable = DeadLetter.newBuilder().setEventId("x").setSource("kafka:footfall/0/7")
                .setStream("footfall").setReason("CORRUPT_AVRO").setDetail("test").setPayload(ByteBuffer.wrap(new byte[] {1}))
                .setReceivedTime(OPENING).setDeadLetteredTime(OPENING).build();
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.sendDeadLetter(SourceStream.FOOTFALL, undecodable);
            InfluxPoint unknown = h.accounting(SiteInput.UNKNOWN_SITE_KEY, SourceStream.FOOTFALL);
            assertThat(unknown.getLongFields()).containsEntry("received", 1L).containsEntry("dead_lettered", 1L);
            assertThat(unknown.getTimestampMillis()).isEqualTo(OPENING.toEpochMilli());
        }
    }

    @Test
    void appointmentsDueAndArrivedIncludingALateReschedule() throws Exception {
        Instant bookedAt = Instant.parse("2026-06-10T09:00:00Z");
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(PARIS_REGISTRY,
                    AT_PARIS.appointment("ref-1", AppointmentAction.BOOKED, OPENING, bookedAt),
                    AT_PARIS.appointment("ref-2", AppointmentAction.BOOKED, OPENING, bookedAt),
                    AT_PARIS.heartbeat(plusMinutes(OPENING, 20)));
            assertThat(longField(h.window(PARIS, OPENING), "appointments_due")).isEqualTo(2);
            // ref-1 arrives 25 minutes late: still arrived for its 08:00 window.
            h.send(AT_PARIS.checkIn("v1", plusMinutes(OPENING, 25), "ref-1"));
            assertThat(longField(h.window(PARIS, OPENING), "appointments_arrived")).isEqualTo(1);
            // ref-2 is cancelled after its window closed: no longer due.
            h.send(AT_PARIS.appointment("ref-2", AppointmentAction.CANCELLED, OPENING, plusMinutes(OPENING, 30)));
            assertThat(longField(h.window(PARIS, OPENING), "appointments_due")).isEqualTo(1);
        }
    }

    /**
     * A booking for Wednesday moved to Tuesday: the reschedule's own day is final a day before the
     * booking's. Cleaning the reschedule up first would let the booking resurface when Wednesday's
     * windows are recomputed, and count the appointment due on Wednesday again.
     */
    @Test
    void anAppointmentMovedToAnEarlierDayStaysMovedAfterTheEarlierDayIsCleanedUp() throws Exception {
        Instant wednesdayOpening = Instant.parse("2026-06-17T06:00:00Z");
        Instant tuesdayOpening = Instant.parse("2026-06-16T06:00:00Z");
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(PARIS_REGISTRY, AT_PARIS.heartbeat(OPENING),
                    AT_PARIS.appointment("moved", AppointmentAction.BOOKED, wednesdayOpening, plusMinutes(OPENING, 60)),
                    AT_PARIS.appointment("moved", AppointmentAction.RESCHEDULED, tuesdayOpening, plusMinutes(OPENING, 90)),
                    AT_PARIS.heartbeat(Instant.parse("2026-06-17T12:00:00Z")));
            assertThat(longField(h.window(PARIS, tuesdayOpening), "appointments_due")).isEqualTo(1);
            assertThat(longField(h.window(PARIS, wednesdayOpening), "appointments_due")).isZero();
            // Tuesday ends 22:00 UTC; + 24 h lateness + 2 min: Tuesday's ids are cleaned up; Wednesday is still correctable.
            h.send(AT_PARIS.heartbeat(Instant.parse("2026-06-17T22:03:00Z")),
                    AT_PARIS.entries(plusMinutes(wednesdayOpening, 3), 1),
                    AT_PARIS.heartbeat(Instant.parse("2026-06-17T22:05:00Z")));
            assertThat(longField(h.window(PARIS, wednesdayOpening), "visitors")).as("the late entry corrected it").isEqualTo(1);
            assertThat(longField(h.window(PARIS, wednesdayOpening), "appointments_due")).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // zone,             last local quarter of D (UTC),  first window of D+1 (UTC), D,          first hour of D+1
        "Europe/Paris,       2026-06-15T21:45:00Z,           2026-06-15T22:00:00Z,      2026-06-15, 00",
        "Indian/Reunion,     2026-06-15T19:45:00Z,           2026-06-15T20:00:00Z,      2026-06-15, 00",
        "Asia/Kolkata,       2026-06-15T18:15:00Z,           2026-06-15T18:30:00Z,      2026-06-15, 00",
        "America/Santiago,   2026-09-06T03:45:00Z,           2026-09-06T04:00:00Z,      2026-09-05, 01",
    })
    void localMidnightSplitsTheLocalDays(String zone, Instant lastOfDay, Instant firstOfNextDay, LocalDate day,
            String firstHour) throws Exception {
        Events events = new Events("s-" + zone);
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(Registries.site("s-" + zone, zone).everyDay("00:00", "24:00").build(),
                    events.entries(plusMinutes(lastOfDay, 14), 1),
                    events.entries(firstOfNextDay, 2),
                    events.heartbeat(plusMinutes(firstOfNextDay, 20)));
            InfluxPoint last = h.window("s-" + zone, lastOfDay);
            assertThat(last.getTags()).containsEntry("local_date", day.toString()).containsEntry("local_hour", "23");
            assertThat(longField(last, "visitors")).isEqualTo(1);
            InfluxPoint first = h.window("s-" + zone, firstOfNextDay);
            assertThat(first.getTags()).containsEntry("local_date", day.plusDays(1).toString())
                    .containsEntry("local_hour", firstHour);
            assertThat(longField(first, "visitors")).isEqualTo(2);
        }
    }

    @Test
    void idsAndEventsOfDaysThatCanNoLongerBeCorrectedAreRemovedFromState() throws Exception {
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(PARIS_REGISTRY);
            for (Instant t = OPENING; t.isBefore(AFTERNOON); t = plusMinutes(t, 5)) {
                h.send(AT_PARIS.entries(t, 1), AT_PARIS.checkIn("v" + t, t, null));
            }
            h.send(AT_PARIS.heartbeat(TUESDAY_MORNING));
            assertThat(h.seenIds(PARIS)).as("Monday events + 1 heartbeat").hasSize(2 * 96 + 1);
            assertThat(h.retainedEvents(PARIS)).hasSize(2 * 96);
            // Monday ends at 22:00 UTC; + 24 h allowed lateness; + 2 min out-of-orderness on the clock.
            h.send(AT_PARIS.heartbeat(Instant.parse("2026-06-16T22:01:59Z")));
            assertThat(h.retainedEvents(PARIS)).as("1 ms before Monday's horizon").hasSize(2 * 96);
            h.send(AT_PARIS.heartbeat(Instant.parse("2026-06-16T22:02:00Z")));
            assertThat(h.retainedEvents(PARIS)).isEmpty();
            assertThat(h.seenIds(PARIS)).as("only the Tuesday heartbeats").hasSize(3);
            FootfallEvent replayed = AT_PARIS.entries(OPENING, 1);
            h.send(replayed);
            assertThat(h.lateEvents()).extracting(DeadLetter::getEventId).containsExactly(replayed.getEventId());
        }
    }

    @Test
    void restoredFromASnapshotItWritesWhatAnUninterruptedRunWrites() throws Exception {
        Object[] firstHalf = {PARIS_REGISTRY, AT_PARIS.signOn("alice", OPENING), AT_PARIS.entries(plusMinutes(OPENING, 2), 3),
            AT_PARIS.checkIn("v1", plusMinutes(OPENING, 4), null), AT_PARIS.heartbeat(plusMinutes(OPENING, 30))};
        Object[] secondHalf = {AT_PARIS.served("v1", plusMinutes(OPENING, 35)), AT_PARIS.entries(plusMinutes(OPENING, 2), 3),
            AT_PARIS.entries(plusMinutes(OPENING, 40), 1), AT_PARIS.heartbeat(plusMinutes(OPENING, 70))};
        Map<Instant, InfluxPoint> uninterrupted;
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(firstHalf).send(secondHalf);
            uninterrupted = h.windows(PARIS);
        }
        SiteKpiHarness before = new SiteKpiHarness(OPTIONS);
        before.send(firstHalf);
        Map<Instant, InfluxPoint> written = new java.util.LinkedHashMap<>(before.windows(PARIS));
        try (SiteKpiHarness after = before.restart(OPTIONS)) {
            after.send(secondHalf);
            written.putAll(after.windows(PARIS));
            assertThat(after.accounting(PARIS, SourceStream.FOOTFALL).getLongFields()).containsEntry("duplicate", 1L);
        }
        assertThat(written).isEqualTo(uninterrupted);
        assertThat(longField(uninterrupted.get(OPENING), "waiting_served")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "spring forward, 2026-03-29T00:00:00+01:00, 92",
        "fall back,      2026-10-25T00:00:00+02:00, 100",
    })
    void parisDstDaysWriteEveryQuarterHourOnce(String day, java.time.OffsetDateTime localMidnight, int windows)
            throws Exception {
        Events events = new Events("paris-24h");
        Instant start = localMidnight.toInstant();
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(Registries.site("paris-24h", "Europe/Paris").everyDay("00:00", "24:00").build(),
                    events.heartbeat(start), events.heartbeat(start.plus(Duration.ofHours(26))));
            Map<Instant, InfluxPoint> written = h.windows("paris-24h");
            assertThat(written.values().stream().filter(p -> p.getTags().get("local_date")
                    .equals(localMidnight.toLocalDate().toString()))).hasSize(windows);
            assertThat(h.windowWrites("paris-24h")).as("each written once").hasSize(written.size());
            if (windows == 100) {
                assertThat(written.values().stream().filter(p -> p.getTags().get("local_hour").equals("02")))
                        .extracting(p -> p.getLongFields().get("utc_offset_min"))
                        .containsExactly(120L, 120L, 120L, 120L, 60L, 60L, 60L, 60L);
            }
        }
    }

    @Test
    void lunchClosureAndDatedClosureWriteNoWindowsAndDutyEndsAtClosing() throws Exception {
        LocalDate tuesday = LocalDate.of(2026, 6, 16);
        SiteRegistryVersion lunch = Registries.site(PARIS, "Europe/Paris")
                .everyDay("08:00", "12:00").everyDay("14:00", "18:00").closedOn(tuesday).build();
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(lunch, AT_PARIS.signOn("alice", OPENING),   // never signs off
                    AT_PARIS.entries(Instant.parse("2026-06-15T10:30:00Z"), 3),  // 12:30, lunch
                    AT_PARIS.heartbeat(Instant.parse("2026-06-17T06:20:00Z"))); // Wednesday 08:20
            Map<Instant, InfluxPoint> written = h.windows(PARIS);
            assertThat(written.values().stream().map(p -> p.getTags().get("local_date")).distinct())
                    .containsExactly("2026-06-15", "2026-06-17");
            assertThat(written.values().stream().filter(p -> p.getTags().get("local_date").equals("2026-06-15")))
                    .hasSize(32)
                    .allSatisfy(p -> assertThat(p.getDoubleFields().get("staff_on_duty")).isEqualTo(1.0));
            assertThat(written).doesNotContainKey(Instant.parse("2026-06-15T10:30:00Z"));
            assertThat(doubleField(h.window(PARIS, Instant.parse("2026-06-17T06:00:00Z")), "staff_on_duty"))
                    .as("Monday's forgotten sign-off does not carry to Wednesday").isZero();
            assertThat(h.accounting(PARIS, SourceStream.FOOTFALL).getLongFields())
                    .containsEntry("outside_opening_hours", 1L);
        }
    }

    @Test
    void appointmentForADayBeyondTheAllowedLatenessIsTooLateButBookingsMadeDaysAheadAreNot() throws Exception {
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(PARIS_REGISTRY, AT_PARIS.heartbeat(OPENING), AT_PARIS.heartbeat(Instant.parse("2026-06-17T06:00:00Z")));  // Monday + 24 h is past
            h.send(AT_PARIS.appointment("old", AppointmentAction.BOOKED, OPENING, Instant.parse("2026-06-01T09:00:00Z")),
                    AT_PARIS.appointment("tomorrow", AppointmentAction.BOOKED, Instant.parse("2026-06-17T07:00:00Z"),
                            Instant.parse("2026-06-01T09:00:00Z")));
            assertThat(h.lateEvents()).extracting(DeadLetter::getStream).containsExactly("appointment");
            assertThat(h.accounting(PARIS, SourceStream.APPOINTMENT).getLongFields())
                    .containsEntry("too_late", 1L).containsEntry("pending", 1L);
        }
    }

    @Test
    void accountingIsWrittenOnTheProcessingTimeIntervalAndWhenWindowsClose() throws Exception {
        Instant now = Instant.parse("2026-06-15T06:30:00Z");
        try (SiteKpiHarness h = new SiteKpiHarness(KpiOptions.defaults())) {
            h.setProcessingTime(now);
            h.send(PARIS_REGISTRY, AT_PARIS.entries(plusMinutes(OPENING, 1), 1));
            assertThat(h.points()).isEmpty();
            h.setProcessingTime(now.plusSeconds(10));
            assertThat(h.accounting(PARIS, SourceStream.FOOTFALL).getLongFields()).containsEntry("pending", 1L);
            int written = h.points().size();
            h.send(AT_PARIS.heartbeat(plusMinutes(OPENING, 17)));  // closes 08:00: window + totals at once
            assertThat(h.window(PARIS, OPENING).getLongFields()).containsEntry("visitors", 1L);
            assertThat(h.accounting(PARIS, SourceStream.AGENT_STATUS).getTimestampMillis())
                    .as("site clock 08:15 local, truncated to the minute").isEqualTo(FIRST_WINDOW_END.toEpochMilli());
            assertThat(h.points().size()).isGreaterThan(written + 1);
        }
    }

    @Test
    void idleWindowsAreWrittenAndWaitingP90IsTheNearestRank() throws Exception {
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(PARIS_REGISTRY, AT_PARIS.heartbeat(OPENING));
            // ten customers checked in at 08:00 + i s, served after 10, 20, ..., 100 seconds
            for (int i = 1; i <= 10; i++) {
                Instant checkIn = OPENING.plusSeconds(i);
                h.send(AT_PARIS.checkIn("v" + i, checkIn, null), AT_PARIS.served("v" + i, checkIn.plusSeconds(10L * i)));
            }
            h.send(AT_PARIS.heartbeat(plusMinutes(OPENING, 32)));
            InfluxPoint busy = h.window(PARIS, OPENING);
            assertThat(busy.getLongFields()).containsEntry("check_ins", 10L).containsEntry("waiting_served", 10L);
            assertThat(busy.getDoubleFields()).containsEntry("waiting_mean_s", 55.0).containsEntry("waiting_p90_s", 90.0);
            InfluxPoint idle = h.window(PARIS, FIRST_WINDOW_END);
            assertThat(idle.getStringFields()).containsEntry("status", "idle");
            assertThat(idle.getBooleanFields()).containsEntry("ratio_valid", false).containsEntry("unstaffed", false);
            assertThat(idle.getDoubleFields()).containsEntry("visitors_per_staff", 0.0).containsEntry("waiting_p90_s", 0.0);
        }
    }

    /** Paris from 12:07 local on 2026-06-15: closed 12:00–13:00 local for lunch, and in another region. */
    private static final SiteRegistryVersion PARIS_LUNCH_FROM_NOON = Registries.site(PARIS, "Europe/Paris")
            .everyDay("08:00", "12:00").everyDay("13:00", "18:00").region("south")
            .effectiveFrom(Instant.parse("2026-06-15T10:07:00Z")).build();

    private static Object[] parisMondayUntil1440() {
        return new Object[] {AT_PARIS.heartbeat(OPENING), AT_PARIS.entries(Instant.parse("2026-06-15T10:20:00Z"), 2),
                AT_PARIS.entries(Instant.parse("2026-06-15T11:20:00Z"), 1),
                AT_PARIS.heartbeat(Instant.parse("2026-06-15T12:40:00Z"))};
    }

    @Test
    void registryVersionReadAfterTheWindowsItGovernsDeletesClosedWindowsAndMovesRetaggedOnes() throws Exception {
        try (SiteKpiHarness late = new SiteKpiHarness(OPTIONS); SiteKpiHarness first = new SiteKpiHarness(OPTIONS)) {
            late.send(PARIS_REGISTRY).send(parisMondayUntil1440());
            assertThat(late.windows(PARIS)).containsKey(Instant.parse("2026-06-15T10:15:00Z"));

            late.send(PARIS_LUNCH_FROM_NOON);
            first.send(PARIS_REGISTRY, PARIS_LUNCH_FROM_NOON).send(parisMondayUntil1440());

            Map<Instant, InfluxPoint> windows = late.windows(PARIS);
            assertThat(windows).as("same content whichever is read first").isEqualTo(first.windows(PARIS));
            assertThat(windows).as("12:15–12:45 local are closed under the new version")
                    .doesNotContainKeys(Instant.parse("2026-06-15T10:15:00Z"), Instant.parse("2026-06-15T10:30:00Z"),
                            Instant.parse("2026-06-15T10:45:00Z"));
            assertThat(windows.get(Instant.parse("2026-06-15T10:00:00Z")).getTags())
                    .as("starts before the version").containsEntry("region", "north");
            assertThat(windows.get(Instant.parse("2026-06-15T11:15:00Z")).getTags()).containsEntry("region", "south");
            assertThat(longField(windows.get(Instant.parse("2026-06-15T11:15:00Z")), "visitors")).isEqualTo(1);
            assertThat(late.windowDeletes(PARIS)).as("3 closed + 6 retagged (13:00–14:15 local)").hasSize(9)
                    .allSatisfy(d -> assertThat(d.getTags()).containsEntry("region", "north"));
            assertThat(first.windowDeletes(PARIS)).isEmpty();
            assertThat(late.accounting(PARIS, SourceStream.FOOTFALL).getLongFields())
                    .as("the 12:20 local entries are outside the hours under the late version too")
                    .containsEntry("outside_opening_hours", 1L)
                    .isEqualTo(first.accounting(PARIS, SourceStream.FOOTFALL).getLongFields());
            assertBucketsAddUp(late.accounting(PARIS, SourceStream.FOOTFALL));

            int outputBefore = late.points().size();
            late.send(PARIS_LUNCH_FROM_NOON);
            assertThat(late.points().subList(outputBefore, late.points().size()))
                    .as("a duplicate version writes and deletes no window")
                    .noneMatch(p -> p.getMeasurement().equals(KpiPoints.STAFFING_WINDOW));
        }
    }

    @Test
    void eventsReleasedFromTheUnknownSiteHoldAreDeDuplicatedAndTheNewestAccountingPointHoldsTheTotals()
            throws Exception {
        Events atNice = new Events("nice-1");
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.setProcessingTime(Instant.parse("2026-06-15T06:30:00Z"));
            FootfallEvent entry = atNice.entries(plusMinutes(OPENING, 1), 2);
            h.send(entry, entry, atNice.entries(plusMinutes(OPENING, 3), 1), entry,
                    atNice.entries(Instant.parse("2026-06-15T09:00:00Z"), 1));
            h.send(Registries.site("nice-1", "Europe/Paris").everyDay("08:00", "18:00").build());
            h.send(entry);

            assertThat(h.accounting("nice-1", SourceStream.FOOTFALL).getLongFields()).containsEntry("received", 6L)
                    .containsEntry("duplicate", 3L);
            assertBucketsAddUp(h.accounting("nice-1", SourceStream.FOOTFALL));
            assertThat(longField(h.window("nice-1", OPENING), "visitors")).isEqualTo(3);
            assertThat(h.accountingWrites("nice-1", SourceStream.FOOTFALL))
                    .extracting(InfluxPoint::getTimestampMillis).as("accounting time never goes back").isSorted();
        }
    }

    @Test
    void reSentBookingsMadeDaysAheadAndReSentSurveysAreDuplicatesUntilTheirLaterDayIsFinal() throws Exception {
        AppointmentEventFixture booking = new AppointmentEventFixture();
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            var survey = AT_PARIS.survey(Instant.parse("2026-06-17T09:00:00Z"), LocalDate.parse("2026-06-15"), 9);
            h.send(PARIS_REGISTRY, AT_PARIS.heartbeat(OPENING), booking.fridayBookedOnMonday,
                    AT_PARIS.heartbeat(Instant.parse("2026-06-17T09:00:00Z")), survey,
                    AT_PARIS.heartbeat(Instant.parse("2026-06-17T10:00:00Z")));
            // Monday's day + 24 h and the survey's visit day + 24 h are past: the clock cleans their ids up.
            h.send(booking.fridayBookedOnMonday, survey, AT_PARIS.heartbeat(Instant.parse("2026-06-18T12:00:00Z")),
                    booking.fridayBookedOnMonday, survey);
            assertThat(h.accounting(PARIS, SourceStream.APPOINTMENT).getLongFields()).containsEntry("received", 3L)
                    .containsEntry("duplicate", 2L);
            assertThat(h.accounting(PARIS, SourceStream.SURVEY).getLongFields()).containsEntry("received", 3L)
                    .containsEntry("duplicate", 2L);
        }
    }

    private static final class AppointmentEventFixture {
        final io.dealerpulse.events.AppointmentEvent fridayBookedOnMonday = AT_PARIS.appointment("friday",
                AppointmentAction.BOOKED, Instant.parse("2026-06-19T07:00:00Z"), Instant.parse("2026-06-15T07:00:00Z"));
    }

    @Test
    void deadLettersOfTheOperatorCarryADeterministicDeadLetteredTime() throws Exception {
        Events atNice = new Events("nice-1");
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.setProcessingTime(Instant.parse("2030-01-01T00:00:00Z"));
            FootfallEvent orphan = atNice.entries(OPENING, 2);
            h.send(orphan, PARIS_REGISTRY, AT_PARIS.heartbeat(TUESDAY_MORNING), AT_PARIS.entries(OPENING, 1));
            h.setProcessingTime(Instant.parse("2030-01-02T00:00:00Z"));

            assertThat(h.lateEvents()).singleElement().extracting(DeadLetter::getDeadLetteredTime)
                    .as("the site clock that judged it").isEqualTo(TUESDAY_MORNING.minus(OUT_OF_ORDERNESS));
            assertThat(h.deadLetters()).singleElement().extracting(DeadLetter::getDeadLetteredTime)
                    .as("received + hold").isEqualTo(orphan.getReceivedTime().plus(OPTIONS.unknownSiteHold()));
        }
    }

    /**
     * The order the offline-site scenario IT feeds a site that was offline all day: its registry and a
     * survey answered after closing first (the site has no clock yet, so accounting is stamped with
     * the survey's time and then stays there), then its agent's day, with the heartbeats (another
     * topic) closing every window before the footfall counted after closing arrives. Every accounting
     * write must be at a time not before the previous one and hold totals at least as new, so the
     * newest point is the final one - and the windows are complete before the accounting is, which is
     * why a reader must wait for the accounting itself, not only for the windows.
     */
    @Test
    void offlineSiteCatchingUpWritesAccountingWhoseNewestPointHoldsTheTotalsEvenAfterItsWindowsAreFinal()
            throws Exception {
        Instant closing = Instant.parse("2026-06-15T16:00:00Z");
        try (SiteKpiHarness h = new SiteKpiHarness(OPTIONS)) {
            h.send(PARIS_REGISTRY, AT_PARIS.survey(Instant.parse("2026-06-15T18:00:00Z"), LocalDate.parse("2026-06-15"), 9));
            h.send(AT_PARIS.signOn("alice", OPENING));
            for (Instant t = OPENING; t.isBefore(closing); t = plusMinutes(t, 15)) {
                h.send(AT_PARIS.entries(plusMinutes(t, 1), 2), AT_PARIS.heartbeat(plusMinutes(t, 14)));
            }
            h.send(AT_PARIS.heartbeat(plusMinutes(closing, 30)));
            Map<Instant, InfluxPoint> windowsBeforeTheTail = h.windows(PARIS);
            h.send(AT_PARIS.entries(plusMinutes(closing, 1), 1), AT_PARIS.entries(plusMinutes(closing, 6), 1));

            assertThat(windowsBeforeTheTail).hasSize(40).isEqualTo(h.windows(PARIS));
            var writes = h.accountingWrites(PARIS, SourceStream.FOOTFALL);
            for (int i = 1; i < writes.size(); i++) {
                InfluxPoint before = writes.get(i - 1);
                InfluxPoint after = writes.get(i);
                assertThat(after.getTimestampMillis()).as("time of write %d", i).isGreaterThanOrEqualTo(before.getTimestampMillis());
                assertThat(longField(after, "received")).as("received of write %d", i)
                        .isGreaterThanOrEqualTo(longField(before, "received"));
            }
            InfluxPoint newest = writes.stream().reduce((a, b) -> b.getTimestampMillis() >= a.getTimestampMillis() ? b : a)
                    .orElseThrow();
            assertThat(newest.getLongFields()).containsEntry("received", 42L).containsEntry("outside_opening_hours", 2L);
            assertBucketsAddUp(newest);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
