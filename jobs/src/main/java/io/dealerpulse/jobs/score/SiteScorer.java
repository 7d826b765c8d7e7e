package io.dealerpulse.jobs.score;

import io.dealerpulse.jobs.kpi.RegistryHistory;
import io.dealerpulse.jobs.kpi.RegistryHistory.SlotInForce;
import io.dealerpulse.jobs.kpi.RegistryHistory.VersionedCalendar;
import io.dealerpulse.jobs.kpi.SiteActivity;
import io.dealerpulse.jobs.kpi.SiteCalendar;
import io.dealerpulse.jobs.kpi.Slot;
import io.dealerpulse.jobs.kpi.StaffingWindow;
import io.dealerpulse.jobs.kpi.WindowCalculator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One site's live and daily scores from its registry history, activity, surveys, feedback and
 * daily history: picks the registry version in force at T (zone, tags, hours), computes today's
 * ended windows with the staffing arithmetic, the components, the weighted score, the tier and the
 * trend. Pure: the Flink function only decides when to call it.
 */
public final class SiteScorer {
    private final ScoreOptions options;
    private final ComponentCalculator components;
    private final TrendRule trends;

    public SiteScorer(ScoreOptions options) {
        this.options = options;
        this.components = new ComponentCalculator(options);
        this.trends = new TrendRule(options);
    }

    /** A score with the tags in force at its instant, and today's latest ended window (null if none yet). */
    public record Scored(SiteTags tags, LocalDate today, SiteScore score, StaffingWindow latestWindow) {}

    /** The score as of T; empty when no registry version is in force at T. */
    public Optional<Scored> asOf(Instant t, RegistryHistory registry, SiteActivity activity,
            List<SurveyAnswer> surveys, List<FeedbackPress> feedback, DailyHistory history) {
        return session(registry, activity, surveys, feedback, history).asOf(t);
    }

    /** The daily score of {@code date}: the score as of the last instant of that local day (next midnight − 1 ms). */
    public Optional<Scored> daily(LocalDate date, RegistryHistory registry, SiteActivity activity,
            List<SurveyAnswer> surveys, List<FeedbackPress> feedback, DailyHistory history) {
        return session(registry, activity, surveys, feedback, history).daily(date);
    }

    /**
     * Evaluations at several instants over the same evidence (e.g. every minute a clock jump passes):
     * the evidence is gathered once and each local date's windows computed once. A window's stored
     * value only depends on events before its end, so a window computed as of its day's end is its
     * value as of any T ≥ its end; windows not ended by T are left out at T. The daily history is
     * read at each call, so days closed between calls count in later trends.
     */
    public Session session(RegistryHistory registry, SiteActivity activity, List<SurveyAnswer> surveys,
            List<FeedbackPress> feedback, DailyHistory history) {
        return new Session(registry, activity, surveys, feedback, history);
    }

    /** See {@link #session}. */
    public final class Session {
        private final RegistryHistory registry;
        private final SiteActivity activity;
        private final DailyHistory history;
        private final ScoreEvidence events = new ScoreEvidence();
        private final Map<Instant, List<StaffingWindow>> windowsByDayStart = new HashMap<>();

        private Session(RegistryHistory registry, SiteActivity activity, List<SurveyAnswer> surveys,
                List<FeedbackPress> feedback, DailyHistory history) {
            this.registry = registry;
            this.activity = activity;
            this.history = history;
            activity.checkIns().forEach(events::add);
            activity.served().forEach(events::add);
            activity.appointmentActions().forEach(events::add);
            surveys.forEach(events::add);
            feedback.forEach(events::add);
        }

        public Optional<Scored> daily(LocalDate date) {
            return lastInstant(date, registry).flatMap(this::asOf);
        }

        public Optional<Scored> asOf(Instant t) {
            Optional<VersionedCalendar> version = registry.inForceAt(t);
            if (version.isEmpty()) {
                return Optional.empty();
            }
            SiteCalendar calendar = version.get().calendar();
            LocalDate today = calendar.localDate(t);
            Instant dayStart = calendar.dayStart(today);
            List<StaffingWindow> windows = windowsByDayStart.computeIfAbsent(dayStart,
                    start -> dayWindows(start, calendar.dayEnd(today), registry, activity));
            ScoreEvidence evidence = new ScoreEvidence();
            events.checkIns().forEach(evidence::add);
            events.served().forEach(evidence::add);
            events.appointmentActions().forEach(evidence::add);
            events.surveys().forEach(evidence::add);
            events.feedback().forEach(evidence::add);
            evidence.addWindows(windows);
            Components c = components.asOf(t, calendar.zone(), registry::isOpenAt, evidence);
            Trend trend = trends.of(today, history.validScores());
            StaffingWindow latest = null;
            for (StaffingWindow w : windows) {
                if (!w.end().isAfter(t) && (latest == null || w.start().isAfter(latest.start()))) {
                    latest = w;
                }
            }
            return Optional.of(new Scored(SiteTags.of(version.get().version()), today,
                    SiteScore.of(c, trend, options), latest));
        }
    }

    /**
     * Next local midnight after {@code date} − 1 ms, in the zone of the registry version in force
     * then. Found in two steps (guess with the newest version's zone, then use the zone of the version
     * in force at that guess): a site's zone practically never changes, and the second step settles it
     * when it does. Empty when no version is in force at the end of the date.
     */
    public static Optional<Instant> lastInstant(LocalDate date, RegistryHistory registry) {
        Optional<VersionedCalendar> newest = registry.inForceAt(Instant.MAX);
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        Instant guess = newest.get().calendar().dayEnd(date).minusMillis(1);
        return registry.inForceAt(guess).map(v -> v.calendar().dayEnd(date).minusMillis(1));
    }

    /** The open windows of one local day, each computed under the version in force at its start. */
    static List<StaffingWindow> dayWindows(Instant dayStart, Instant dayEnd, RegistryHistory registry,
            SiteActivity activity) {
        Map<String, List<SlotInForce>> byVersionAndDate = new LinkedHashMap<>();
        for (SlotInForce slot : registry.openSlotsStartingIn(dayStart, dayEnd)) {
            byVersionAndDate.computeIfAbsent(slot.calendar().effectiveFrom() + "/" + slot.slot().localDate(),
                    k -> new ArrayList<>()).add(slot);
        }
        List<StaffingWindow> windows = new ArrayList<>();
        for (List<SlotInForce> group : byVersionAndDate.values()) {
            SlotInForce first = group.get(0);
            List<Slot> slots = group.stream().map(SlotInForce::slot).toList();
            windows.addAll(WindowCalculator.compute(first.calendar(), first.slot().localDate(), slots, activity));
        }
        return windows;
    }
}
