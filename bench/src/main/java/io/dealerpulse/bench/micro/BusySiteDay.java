package io.dealerpulse.bench.micro;

import io.dealerpulse.events.OpeningInterval;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.Weekday;
import io.dealerpulse.jobs.kpi.AppointmentAction;
import io.dealerpulse.jobs.kpi.CheckIn;
import io.dealerpulse.jobs.kpi.DutyEvent;
import io.dealerpulse.jobs.kpi.Entry;
import io.dealerpulse.jobs.kpi.Served;
import io.dealerpulse.jobs.kpi.SiteActivity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One busy site day shared by the window and score micro-benchmarks (08:00-19:00 Europe/Paris, seed
 * 42): 400 entry crossings, 6 advisors signing on and off, 120 visits checked in and served (half of
 * them with an appointment reference), 60 appointments booked the day before.
 */
final class BusySiteDay {
    static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    /** 08:00 Paris (+02:00). */
    static final Instant OPENING = Instant.parse("2026-06-15T06:00:00Z");
    static final int OPEN_MINUTES = 11 * 60;

    private BusySiteDay() {}

    static SiteActivity activity() {
        Random random = new Random(42);
        SiteActivity activity = new SiteActivity();
        for (int i = 0; i < 400; i++) {
            activity.add(new Entry(at(random.nextInt(OPEN_MINUTES)), 1 + random.nextInt(2)));
        }
        for (int advisor = 0; advisor < 6; advisor++) {
            activity.add(new DutyEvent("advisor-" + advisor, at(advisor * 10), true, "on-" + advisor));
            activity.add(new DutyEvent("advisor-" + advisor, at(OPEN_MINUTES - 30 + advisor), false, "off-" + advisor));
        }
        for (int visit = 0; visit < 120; visit++) {
            int minute = random.nextInt(OPEN_MINUTES - 30);
            String ref = visit % 2 == 0 ? "apt-" + visit / 2 : null;
            activity.add(new CheckIn("V-" + visit, at(minute), "ci-" + visit, ref));
            activity.add(new Served("V-" + visit, at(minute + 1 + random.nextInt(25))));
        }
        for (int apt = 0; apt < 60; apt++) {
            Instant scheduled = at(random.nextInt(OPEN_MINUTES));
            activity.add(new AppointmentAction("apt-" + apt, AppointmentAction.Kind.BOOKED, scheduled,
                    scheduled.minusSeconds(86_400), "b-" + apt));
        }
        return activity;
    }

    static Instant at(int minutesAfterOpening) {
        return OPENING.plusSeconds(60L * minutesAfterOpening + 17);
    }

    static SiteRegistryVersion registry() {
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        List<OpeningInterval> weekly = new ArrayList<>();
        for (Weekday day : Weekday.values()) {
            weekly.add(OpeningInterval.newBuilder().setDayOfWeek(day).setOpenMinute(8 * 60)
                    .setCloseMinute(19 * 60).build());
        }
        return SiteRegistryVersion.newBuilder()
                .setEventId("bench-registry")
                .setSiteId("FR-PARIS-01")
                .setDeviceId("bench")
                .setName("Bench dealer")
                .setRegion("north")
                .setInvestorGroup("ig-1")
                .setCountry("FR")
                .setTimeZone("Europe/Paris")
                .setWeeklyHours(weekly)
                .setExceptions(new ArrayList<>())
                .setTargetMin(1.0)
                .setTargetMax(4.0)
                .setEffectiveFrom(from)
                .setEventTime(from)
                .setReceivedTime(from)
                .build();
    }
}
