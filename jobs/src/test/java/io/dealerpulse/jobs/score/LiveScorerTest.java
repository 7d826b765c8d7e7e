package io.dealerpulse.jobs.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.kpi.AppointmentAction;
import io.dealerpulse.jobs.kpi.CheckIn;
import io.dealerpulse.jobs.kpi.DutyEvent;
import io.dealerpulse.jobs.kpi.Entry;
import io.dealerpulse.jobs.kpi.Registries;
import io.dealerpulse.jobs.kpi.RegistryHistory;
import io.dealerpulse.jobs.kpi.Served;
import io.dealerpulse.jobs.kpi.SiteActivity;
import io.dealerpulse.jobs.kpi.StaffingWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The incremental live scorer gives exactly the full computation's result ({@link SiteScorer.Session#asOf})
 * on seeded random evidence: events added in random order (late ones included), evaluated between
 * additions at random minutes and window ends of the day, on DST days and in a +05:45 zone, with a
 * registry change in the day, a lunch closure, repeated check-ins, served-before-check-in,
 * reschedules, cancellations and reactivations, appointments without reference, surveys and
 * feedback over several days.
 */
class LiveScorerTest {
    private static final ScoreOptions OPTIONS = ScoreOptions.defaults();
    private static final SiteScorer FULL = new SiteScorer(OPTIONS);
    private static final String[] ZONES = {"Europe/Paris", "America/New_York", "Asia/Kathmandu"};
    /** Paris falls back on 2026-10-25 and springs forward on 2026-03-29; New York on 2026-11-01 and 2026-03-08. */
    private static final LocalDate[] DATES = {LocalDate.of(2026, 10, 25), LocalDate.of(2026, 3, 29),
            LocalDate.of(2026, 11, 1), LocalDate.of(2026, 3, 8), LocalDate.of(2026, 6, 15)};

    @Test
    void equalsTheFullComputationOnRandomDays() {
        int evaluations = 0;
        for (long seed = 1; seed <= 60; seed++) {
            evaluations += compareOneScenario(seed);
        }
        assertThat(evaluations).as("evaluations compared").isGreaterThan(60 * 20);
    }

    @Test
    void aRegistryThatChangesZoneGetsNoLiveScorerSoTheFullComputationApplies() {
        List<SiteRegistryVersion> versions = List.of(
                Registries.site("s", "Europe/Paris").everyDay("08:00", "18:00").build(),
                Registries.site("s", "Europe/London").everyDay("08:00", "18:00")
                        .effectiveFrom(Instant.parse("2026-06-01T00:00:00Z")).build());
        assertThat(LiveScorer.of(OPTIONS, versions, new RegistryHistory(versions))).isEmpty();
        assertThat(LiveScorer.of(OPTIONS, List.of(), new RegistryHistory())).isEmpty();
        assertThat(LiveScorer.of(OPTIONS, versions.subList(0, 1), new RegistryHistory(versions.subList(0, 1))))
                .isPresent();
    }

    private static int compareOneScenario(long seed) {
        Random random = new Random(seed);
        String zoneName = ZONES[random.nextInt(ZONES.length)];
        ZoneId zone = ZoneId.of(zoneName);
        LocalDate day = DATES[random.nextInt(DATES.length)];
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();

        List<SiteRegistryVersion> versions = new ArrayList<>();
        Registries first = Registries.site("s", zoneName).band(1 + random.nextInt(2), 3 + random.nextInt(3));
        if (random.nextBoolean()) {
            first.everyDay("08:00", "12:00").everyDay("13:30", "18:00");
        } else {
            first.everyDay("00:30", "04:00").everyDay("07:00", "19:00");
        }
        versions.add(first.build());
        if (random.nextInt(3) == 0) {
            Instant changed = dayStart.plusSeconds(60L * (300 + random.nextInt(600)) + random.nextInt(2) * 30);
            Registries second = Registries.site("s", zoneName).everyDay("09:00", "20:00").band(0.5, 2)
                    .region("south").effectiveFrom(changed);
            if (random.nextBoolean()) {
                second.exceptionOn(day, "10:00", "16:00");
            }
            versions.add(second.build());
        }
        RegistryHistory registry = new RegistryHistory(versions);

        List<Consumer<ScoreRecords.Sink>> records = new ArrayList<>();
        int n = 0;
        for (int i = random.nextInt(80); i > 0; i--) {
            Entry e = new Entry(someTime(random, dayStart, dayEnd), 1 + random.nextInt(3));
            records.add(s -> s.add(e));
        }
        for (int i = random.nextInt(14); i > 0; i--) {
            DutyEvent e = new DutyEvent("adv" + random.nextInt(3), someTime(random, dayStart, dayEnd),
                    random.nextInt(3) != 0, "d" + n++);
            records.add(s -> s.add(e));
        }
        for (int i = random.nextInt(50); i > 0; i--) {
            String ref = random.nextInt(3) == 0 ? null : "r" + random.nextInt(15);
            CheckIn c = new CheckIn("v" + random.nextInt(30), someTime(random, dayStart, dayEnd), "c" + n++, ref);
            records.add(s -> s.add(c));
            if (random.nextInt(3) == 0) {
                // served on a whole minute after the check-in: waits at, under and over the 5 and 10 min limits
                Served sv = new Served(c.visitId(), c.time().plusSeconds(60L * (1 + random.nextInt(12))));
                records.add(s -> s.add(sv));
            }
        }
        for (int i = random.nextInt(50); i > 0; i--) {
            Served sv = new Served("v" + random.nextInt(33), someTime(random, dayStart, dayEnd));
            records.add(s -> s.add(sv));
        }
        for (int i = random.nextInt(45); i > 0; i--) {
            String ref = random.nextInt(12) == 0 ? null : "r" + random.nextInt(15);
            AppointmentAction.Kind kind = AppointmentAction.Kind.values()[random.nextInt(3)];
            Instant actionTime = random.nextBoolean() ? dayStart.minusSeconds(60L * random.nextInt(5000))
                    : someTime(random, dayStart, dayEnd);
            AppointmentAction a = new AppointmentAction(ref, kind, someTime(random, dayStart.minusSeconds(3600),
                    dayEnd.plusSeconds(3600)), actionTime, "a" + n++);
            records.add(s -> s.add(a));
        }
        for (int i = random.nextInt(16); i > 0; i--) {
            SurveyAnswer a = new SurveyAnswer(day.minusDays(random.nextInt(36) - 1),
                    random.nextInt(8) == 0 ? null : random.nextInt(11),
                    someTime(random, dayStart.minusSeconds(86_400L * 3), dayEnd));
            records.add(s -> s.add(a));
        }
        for (int i = random.nextInt(25); i > 0; i--) {
            FeedbackPress p = new FeedbackPress(someTime(random, dayStart.minusSeconds(86_400L * 8), dayEnd),
                    1 + random.nextInt(4));
            records.add(s -> s.add(p));
        }
        Collections.shuffle(records, random);

        DailyHistory history = new DailyHistory();
        for (int i = 1; i <= 14; i++) {
            if (random.nextInt(4) != 0) {
                history.put(day.minusDays(i), new DailyHistory.Day(50 + random.nextInt(50), true, Tier.GOLD, Trend.STABLE));
            }
        }
        List<Instant> windowEnds = new ArrayList<>();
        registry.openSlotsStartingIn(dayStart, dayEnd).forEach(slot -> windowEnds.add(slot.slot().end()));

        LiveScorer live = LiveScorer.of(OPTIONS, versions, registry).orElseThrow();
        Lists full = new Lists();
        int compared = 0;
        int chunk = 3 + random.nextInt(10);
        for (int i = 0; i < records.size(); i++) {
            records.get(i).accept(full);
            records.get(i).accept(live);
            if (i % chunk == chunk - 1 || i == records.size() - 1) {
                SiteScorer.Session session = FULL.session(registry, full.activity, full.surveys, full.feedback, history);
                for (int k = 0; k < 4; k++) {
                    Instant t = switch (random.nextInt(4)) {
                        case 0 -> windowEnds.isEmpty() ? dayEnd.minusMillis(1) : windowEnds.get(random.nextInt(windowEnds.size()));
                        case 1 -> dayEnd.minusMillis(1);
                        default -> dayStart.plusSeconds(60L * random.nextInt((int) ((dayEnd.getEpochSecond() - dayStart.getEpochSecond()) / 60)));
                    };
                    assertSame(seed, t, session.asOf(t), live.asOf(t, history));
                    compared++;
                }
            }
        }
        return compared;
    }

    /** A time in [from, to) on a whole minute (so that times tie) or, one time in four, to the millisecond. */
    private static Instant someTime(Random random, Instant from, Instant to) {
        long span = to.toEpochMilli() - from.toEpochMilli();
        long offset = (long) (random.nextDouble() * span);
        if (random.nextInt(4) != 0) {
            offset = offset / 60_000L * 60_000L;
        }
        return Instant.ofEpochMilli(from.toEpochMilli() + offset);
    }

    private static void assertSame(long seed, Instant t, Optional<SiteScorer.Scored> expected,
            Optional<SiteScorer.Scored> actual) {
        String where = "seed " + seed + " at " + t;
        assertThat(actual.isPresent()).as(where).isEqualTo(expected.isPresent());
        if (expected.isEmpty()) {
            return;
        }
        SiteScorer.Scored e = expected.get();
        SiteScorer.Scored a = actual.get();
        assertThat(a.tags()).as(where).isEqualTo(e.tags());
        assertThat(a.today()).as(where).isEqualTo(e.today());
        assertThat(a.score()).as(where).isEqualTo(e.score());
        // the live comparison reads these fields of the latest window only
        assertThat(windowSummary(a.latestWindow())).as(where).isEqualTo(windowSummary(e.latestWindow()));
    }

    private static String windowSummary(StaffingWindow w) {
        return w == null ? "none" : w.start() + " " + w.status() + " " + w.visitorsPerStaff() + " " + w.ratioValid();
    }

    /** The evidence lists the full computation reads. */
    private static final class Lists implements ScoreRecords.Sink {
        final SiteActivity activity = new SiteActivity();
        final List<SurveyAnswer> surveys = new ArrayList<>();
        final List<FeedbackPress> feedback = new ArrayList<>();

        @Override public void add(Entry entry) { activity.add(entry); }
        @Override public void add(DutyEvent event) { activity.add(event); }
        @Override public void add(CheckIn checkIn) { activity.add(checkIn); }
        @Override public void add(Served served) { activity.add(served); }
        @Override public void add(AppointmentAction action) { activity.add(action); }
        @Override public void add(SurveyAnswer answer) { surveys.add(answer); }
        @Override public void add(FeedbackPress press) { feedback.add(press); }
    }
}
