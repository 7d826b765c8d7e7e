package io.dealerpulse.bench.micro;

import io.dealerpulse.events.OpeningInterval;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.Weekday;
import io.dealerpulse.jobs.kpi.AppointmentAction;
import io.dealerpulse.jobs.kpi.CheckIn;
import io.dealerpulse.jobs.kpi.DutyEvent;
import io.dealerpulse.jobs.kpi.Entry;
import io.dealerpulse.jobs.kpi.RegistryHistory;
import io.dealerpulse.jobs.kpi.RegistryHistory.VersionedCalendar;
import io.dealerpulse.jobs.kpi.Served;
import io.dealerpulse.jobs.kpi.SiteActivity;
import io.dealerpulse.jobs.kpi.Slot;
import io.dealerpulse.jobs.kpi.StaffingWindow;
import io.dealerpulse.jobs.kpi.WindowCalculator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link WindowCalculator#compute}: the 44 staffing windows of one busy site day (08:00-19:00
 * Europe/Paris; 400 entry crossings, 6 advisors signing on and off, 120 visits checked in and
 * served, 60 appointments). The job calls it once per site and closed day (and per live slot), so
 * one operation here is one site-day.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WindowCalculatorBenchmark {
    private static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    /** 08:00 Paris (+02:00). */
    private static final Instant OPENING = Instant.parse("2026-06-15T06:00:00Z");
    private static final int OPEN_MINUTES = 11 * 60;

    private VersionedCalendar version;
    private List<Slot> slots;
    private SiteActivity activity;

    @Setup
    public void busyDay() {
        version = new RegistryHistory(List.of(registry())).inForceAt(OPENING).orElseThrow();
        slots = version.calendar().openSlots(DAY);
        Random random = new Random(42);
        activity = new SiteActivity();
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
        List<StaffingWindow> windows = compute();
        long visitors = windows.stream().mapToLong(StaffingWindow::visitors).sum();
        if (windows.size() != 44 || visitors == 0) {
            throw new IllegalStateException("expected 44 windows with visitors, got " + windows.size() + " with "
                    + visitors + ": the benchmark day no longer matches the calendar");
        }
    }

    @Benchmark
    public List<StaffingWindow> compute() {
        return WindowCalculator.compute(version, DAY, slots, activity);
    }

    private static Instant at(int minutesAfterOpening) {
        return OPENING.plusSeconds(60L * minutesAfterOpening + 17);
    }

    private static SiteRegistryVersion registry() {
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
