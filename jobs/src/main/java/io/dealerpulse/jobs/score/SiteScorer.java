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
        Optional<VersionedCalendar> version = registry.inForceAt(t);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        SiteCalendar calendar = version.get().calendar();
        LocalDate today = calendar.localDate(t);
        ScoreEvidence evidence = new ScoreEvidence();
        activity.checkIns().forEach(evidence::add);
        activity.served().forEach(evidence::add);
        activity.appointmentActions().forEach(evidence::add);
        surveys.forEach(evidence::add);
        feedback.forEach(evidence::add);
        List<StaffingWindow> windows = endedWindows(t, calendar.dayStart(today), registry, activity);
        evidence.addWindows(windows);
        Components c = components.asOf(t, calendar.zone(), registry::isOpenAt, evidence);
        Trend trend = trends.of(today, history.validScores());
        StaffingWindow latest = null;
        for (StaffingWindow w : windows) {
            if (latest == null || w.start().isAfter(latest.start())) {
                latest = w;
            }
        }
        return Optional.of(new Scored(SiteTags.of(version.get().version()), today, SiteScore.of(c, trend, options),
                latest));
    }

    /** The daily score of {@code date}: the score as of the last instant of that local day (next midnight − 1 ms). */
    public Optional<Scored> daily(LocalDate date, RegistryHistory registry, SiteActivity activity,
            List<SurveyAnswer> surveys, List<FeedbackPress> feedback, DailyHistory history) {
        return lastInstant(date, registry).flatMap(t -> asOf(t, registry, activity, surveys, feedback, history));
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

    /** Today's open windows that have ended by T, each computed under the version in force at its start. */
    private static List<StaffingWindow> endedWindows(Instant t, Instant dayStart,
            RegistryHistory registry, SiteActivity activity) {
        Map<String, List<SlotInForce>> byVersionAndDate = new LinkedHashMap<>();
        for (SlotInForce slot : registry.openSlotsStartingIn(dayStart, t)) {
            if (!slot.slot().end().isAfter(t)) {
                byVersionAndDate.computeIfAbsent(slot.calendar().effectiveFrom() + "/" + slot.slot().localDate(),
                        k -> new ArrayList<>()).add(slot);
            }
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
