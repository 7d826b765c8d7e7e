package io.dealerpulse.bench.micro;

import io.dealerpulse.jobs.kpi.RegistryHistory;
import io.dealerpulse.jobs.kpi.RegistryHistory.VersionedCalendar;
import io.dealerpulse.jobs.kpi.SiteActivity;
import io.dealerpulse.jobs.kpi.StaffingWindow;
import io.dealerpulse.jobs.kpi.WindowCalculator;
import io.dealerpulse.jobs.score.ComponentCalculator;
import io.dealerpulse.jobs.score.Components;
import io.dealerpulse.jobs.score.DailyHistory;
import io.dealerpulse.jobs.score.FeedbackPress;
import io.dealerpulse.jobs.score.ScoreEvidence;
import io.dealerpulse.jobs.score.ScoreOptions;
import io.dealerpulse.jobs.score.SiteScorer;
import io.dealerpulse.jobs.score.SurveyAnswer;
import io.dealerpulse.jobs.score.Tier;
import io.dealerpulse.jobs.score.Trend;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * The score calculator on the {@link BusySiteDay busy site day} at 15:02 local (T = 13:02 UTC), with
 * 30 days of survey answers (4 a day), 7 days of feedback presses (40 a day) and 14 days of daily
 * history:
 *
 * <ul>
 *   <li>{@code siteScorerLive}: {@link SiteScorer#asOf} - one live score point, what the score
 *       operator computes for every input it applies (today's windows, the five components, trend);</li>
 *   <li>{@code componentCalculator}: {@link ComponentCalculator#asOf} alone, with today's windows
 *       computed once beforehand (the components' share).</li>
 * </ul>
 *
 * The baseline in the same run is {@code WindowCalculatorBenchmark.compute} (the same day's 44
 * windows), which the live score includes: siteScorerLive / compute says what the score adds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScoreBenchmark {
    private static final Instant T = Instant.parse("2026-06-15T13:02:00Z");

    private final ScoreOptions options = ScoreOptions.defaults();
    private final SiteScorer scorer = new SiteScorer(options);
    private final ComponentCalculator components = new ComponentCalculator(options);

    private RegistryHistory registry;
    private VersionedCalendar version;
    private SiteActivity activity;
    private final List<SurveyAnswer> surveys = new ArrayList<>();
    private final List<FeedbackPress> feedback = new ArrayList<>();
    private final DailyHistory history = new DailyHistory();
    private ScoreEvidence evidence;

    @Setup
    public void busyDay() {
        registry = new RegistryHistory(List.of(BusySiteDay.registry()));
        version = registry.inForceAt(T).orElseThrow();
        activity = BusySiteDay.activity();
        Random random = new Random(7);
        LocalDate day = BusySiteDay.DAY;
        for (int d = 0; d < 30; d++) {
            for (int i = 0; i < 4; i++) {
                surveys.add(new SurveyAnswer(day.minusDays(d), random.nextInt(11),
                        BusySiteDay.OPENING.minusSeconds(86_400L * d - 3_600L * i)));
            }
        }
        for (int d = 0; d < 7; d++) {
            for (int i = 0; i < 40; i++) {
                feedback.add(new FeedbackPress(BusySiteDay.at(random.nextInt(BusySiteDay.OPEN_MINUTES))
                        .minusSeconds(86_400L * d), 1 + random.nextInt(4)));
            }
        }
        for (int d = 14; d >= 1; d--) {
            history.put(day.minusDays(d), new DailyHistory.Day(0.6 + d / 100.0, true, Tier.GOLD, Trend.STABLE));
        }
        List<StaffingWindow> windows = WindowCalculator.compute(version, day,
                version.calendar().openSlots(day), activity);
        evidence = new ScoreEvidence();
        activity.checkIns().forEach(evidence::add);
        activity.served().forEach(evidence::add);
        activity.appointmentActions().forEach(evidence::add);
        surveys.forEach(evidence::add);
        feedback.forEach(evidence::add);
        evidence.addWindows(windows);
        Components c = componentCalculator();
        Optional<SiteScorer.Scored> scored = siteScorerLive();
        if (scored.isEmpty() || c.withData() < 4 || !scored.get().score().valid()) {
            throw new IllegalStateException("expected a valid score with at least 4 components with data, got "
                    + c + ": the benchmark day no longer exercises the calculator");
        }
    }

    @Benchmark
    public Optional<SiteScorer.Scored> siteScorerLive() {
        return scorer.asOf(T, registry, activity, surveys, feedback, history);
    }

    @Benchmark
    public Components componentCalculator() {
        return components.asOf(T, version.calendar().zone(), registry::isOpenAt, evidence);
    }
}
