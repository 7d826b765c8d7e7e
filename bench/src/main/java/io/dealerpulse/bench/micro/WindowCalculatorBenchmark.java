package io.dealerpulse.bench.micro;

import io.dealerpulse.jobs.kpi.RegistryHistory;
import io.dealerpulse.jobs.kpi.RegistryHistory.VersionedCalendar;
import io.dealerpulse.jobs.kpi.SiteActivity;
import io.dealerpulse.jobs.kpi.Slot;
import io.dealerpulse.jobs.kpi.StaffingWindow;
import io.dealerpulse.jobs.kpi.WindowCalculator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link WindowCalculator#compute}: the 44 staffing windows of one {@link BusySiteDay busy site day}.
 * The job calls it once per site and closed day (and per live slot), so one operation here is one
 * site-day.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WindowCalculatorBenchmark {
    private static final LocalDate DAY = BusySiteDay.DAY;
    private static final Instant OPENING = BusySiteDay.OPENING;

    private VersionedCalendar version;
    private List<Slot> slots;
    private SiteActivity activity;

    @Setup
    public void busyDay() {
        version = new RegistryHistory(List.of(BusySiteDay.registry())).inForceAt(OPENING).orElseThrow();
        slots = version.calendar().openSlots(DAY);
        activity = BusySiteDay.activity();
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
}
