package io.dealerpulse.jobs.score;

import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.kpi.AppointmentAction;
import io.dealerpulse.jobs.kpi.CheckIn;
import io.dealerpulse.jobs.kpi.DutyEvent;
import io.dealerpulse.jobs.kpi.Entry;
import io.dealerpulse.jobs.kpi.RegistryHistory;
import io.dealerpulse.jobs.kpi.RegistryHistory.VersionedCalendar;
import io.dealerpulse.jobs.kpi.Served;
import io.dealerpulse.jobs.kpi.SiteActivity;
import io.dealerpulse.jobs.kpi.SiteCalendar;
import io.dealerpulse.jobs.kpi.StaffingWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live score of one site kept incrementally: the same result as {@link SiteScorer.Session#asOf}
 * over the same evidence, but each event is indexed once when it arrives (its local date, whether it
 * falls in an open window, its visit or appointment), so an evaluation reads only what can count
 * today — today's visits, the appointments scheduled today, the presses of the last 7 days, today's
 * windows — instead of rebuilding every record, visit, appointment state and window of the site.
 *
 * <p>Why the shortcuts give the same numbers as the full computation:
 * <ul>
 *   <li>Waiting: the first check-in of a visit among those by T is the visit's overall first one if
 *       that one is by T (the order is by time first), else there is none; so visits are filed under
 *       the local date of their overall first check-in.</li>
 *   <li>Appointments: an appointment's state as of T is one of its actions, so it can only be due on
 *       a date one of its actions schedules it on; each reference is filed under each such date.
 *       Likewise the first check-in with a reference by T is the reference's overall first one if
 *       that one is by T.</li>
 *   <li>Staffing: the component and the live comparison's window fields read only a window's
 *       visitors, staff and status, which depend on that local day's reception entries and duty
 *       events and the registry; so today's windows are computed from those alone (the windows'
 *       check-in, appointment and waiting fields are zero here and never read) and kept until an
 *       entry or duty event of that day arrives.</li>
 * </ul>
 * Dates and opening hours are fixed by the registry, so the whole index is built for one zone: a
 * site whose registry versions use different zones gets no live scorer (the caller uses the full
 * computation), and a new registry version means a new scorer.
 */
final class LiveScorer implements ScoreRecords.Sink {
    private static final Comparator<CheckIn> FIRST = Comparator.comparing(CheckIn::time).thenComparing(CheckIn::eventId);
    /** Windows are kept for the few dates being evaluated (today, and yesterday around midnight). */
    private static final int MAX_WINDOW_DATES = 4;

    private final ScoreOptions options;
    private final ComponentCalculator components;
    private final TrendRule trends;
    private final RegistryHistory registry;
    private final ZoneId zone;

    private final List<SurveyAnswer> surveys = new ArrayList<>();
    /** Counted presses (in an open window) by local date. */
    private final Map<LocalDate, List<FeedbackPress>> pressesByDate = new HashMap<>();

    private final Map<String, Visit> visits = new HashMap<>();
    private final Map<LocalDate, Set<String>> visitsByFirstDate = new HashMap<>();

    private final Map<String, List<AppointmentAction>> actionsByRef = new HashMap<>();
    private final Map<LocalDate, Set<String>> refsByScheduledDate = new HashMap<>();
    private final Map<String, CheckIn> firstCheckInByRef = new HashMap<>();
    /**
     * Per scheduled instant, its local date if the site is open then, else empty: fixed by the
     * registry, and asked for every appointment of the day at every evaluated minute.
     */
    private final Map<Instant, Optional<LocalDate>> openScheduledDates = new HashMap<>();

    /** Reception entries and duty events by local date: all today's windows need. */
    private final Map<LocalDate, SiteActivity> staffingByDate = new HashMap<>();
    private final Map<LocalDate, List<StaffingWindow>> windowsByDate = new HashMap<>();

    private LiveScorer(ScoreOptions options, RegistryHistory registry, ZoneId zone) {
        this.options = options;
        this.components = new ComponentCalculator(options);
        this.trends = new TrendRule(options);
        this.registry = registry;
        this.zone = zone;
    }

    /**
     * An empty live scorer for the registry (add the evidence next), or empty when the registry is
     * empty or its versions do not share one time zone (then only the full computation applies).
     */
    static Optional<LiveScorer> of(ScoreOptions options, Collection<SiteRegistryVersion> versions,
            RegistryHistory registry) {
        return singleZone(versions).map(zone -> new LiveScorer(options, registry, zone));
    }

    private static Optional<ZoneId> singleZone(Collection<SiteRegistryVersion> versions) {
        ZoneId zone = null;
        for (SiteRegistryVersion version : versions) {
            ZoneId z = ZoneId.of(version.getTimeZone());
            if (zone != null && !zone.equals(z)) {
                return Optional.empty();
            }
            zone = z;
        }
        return Optional.ofNullable(zone);
    }

    private LocalDate date(Instant t) {
        return t.atZone(zone).toLocalDate();
    }

    @Override
    public void add(Entry entry) {
        LocalDate date = date(entry.time());
        staffingByDate.computeIfAbsent(date, d -> new SiteActivity()).add(entry);
        windowsByDate.remove(date);
    }

    @Override
    public void add(DutyEvent event) {
        LocalDate date = date(event.time());
        staffingByDate.computeIfAbsent(date, d -> new SiteActivity()).add(event);
        windowsByDate.remove(date);
    }

    @Override
    public void add(CheckIn checkIn) {
        Visit visit = visits.get(checkIn.visitId());
        if (visit == null) {
            visit = new Visit();
            visits.put(checkIn.visitId(), visit);
        }
        if (visit.first == null || FIRST.compare(checkIn, visit.first) < 0) {
            if (visit.first != null) {
                Set<String> old = visitsByFirstDate.get(visit.firstDate);
                if (old != null) {
                    old.remove(checkIn.visitId());
                }
            }
            visit.first = checkIn;
            visit.firstDate = date(checkIn.time());
            visit.firstCounted = registry.isOpenAt(checkIn.time());
            visitsByFirstDate.computeIfAbsent(visit.firstDate, d -> new LinkedHashSet<>()).add(checkIn.visitId());
        }
        if (checkIn.appointmentRef() != null) {
            firstCheckInByRef.merge(checkIn.appointmentRef(), checkIn, (a, b) -> FIRST.compare(a, b) <= 0 ? a : b);
        }
    }

    @Override
    public void add(Served served) {
        Visit visit = visits.get(served.visitId());
        if (visit == null) {
            visit = new Visit();
            visits.put(served.visitId(), visit);
        }
        visit.served.add(served.time());
    }

    @Override
    public void add(AppointmentAction action) {
        actionsByRef.computeIfAbsent(action.ref(), r -> new ArrayList<>()).add(action);
        refsByScheduledDate.computeIfAbsent(date(action.scheduled()), d -> new LinkedHashSet<>()).add(action.ref());
    }

    @Override
    public void add(SurveyAnswer answer) {
        surveys.add(answer);
    }

    @Override
    public void add(FeedbackPress press) {
        if (registry.isOpenAt(press.time())) {
            pressesByDate.computeIfAbsent(date(press.time()), d -> new ArrayList<>()).add(press);
        }
    }

    /** The score as of T, equal to {@link SiteScorer.Session#asOf} over the same evidence and history. */
    Optional<SiteScorer.Scored> asOf(Instant t, DailyHistory history) {
        Optional<VersionedCalendar> version = registry.inForceAt(t);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        SiteCalendar calendar = version.get().calendar();
        LocalDate today = calendar.localDate(t);
        List<StaffingWindow> windows = windows(today, calendar);
        Components c = new Components(
                components.satisfaction(t, today, surveys),
                waiting(t, today),
                components.staffing(t, today, windows),
                appointments(t, today),
                feedback(t, today));
        Trend trend = trends.of(today, history.validScores());
        StaffingWindow latest = null;
        for (StaffingWindow w : windows) {
            if (!w.end().isAfter(t) && (latest == null || w.start().isAfter(latest.start()))) {
                latest = w;
            }
        }
        return Optional.of(new SiteScorer.Scored(SiteTags.of(version.get().version()), today,
                SiteScore.of(c, trend, options), latest));
    }

    private List<StaffingWindow> windows(LocalDate today, SiteCalendar calendar) {
        List<StaffingWindow> windows = windowsByDate.get(today);
        if (windows == null) {
            if (windowsByDate.size() >= MAX_WINDOW_DATES) {
                windowsByDate.clear();
            }
            SiteActivity staffing = staffingByDate.getOrDefault(today, new SiteActivity());
            windows = SiteScorer.dayWindows(calendar.dayStart(today), calendar.dayEnd(today), registry, staffing);
            windowsByDate.put(today, windows);
        }
        return windows;
    }

    /** As {@link ComponentCalculator#waiting}, over the visits whose first check-in is today. */
    private Component waiting(Instant t, LocalDate today) {
        long good = 0;
        long n = 0;
        long tMillis = t.toEpochMilli();
        for (String visitId : visitsByFirstDate.getOrDefault(today, Set.of())) {
            Visit visit = visits.get(visitId);
            CheckIn first = visit.first;
            if (first.time().isAfter(t) || !visit.firstCounted) {
                continue;
            }
            Instant servedAt = visit.firstServedFrom(first.time(), t);
            if (servedAt != null) {
                n++;
                good += servedAt.toEpochMilli() - first.time().toEpochMilli() <= ScoreOptions.WAITING_LIMIT_MILLIS ? 1 : 0;
            } else if (tMillis - first.time().toEpochMilli() > ScoreOptions.WAITING_LIMIT_MILLIS) {
                n++;
            }
        }
        return Component.of(good, n);
    }

    /** As {@link ComponentCalculator#appointments}, over the references some action schedules today. */
    private Component appointments(Instant t, LocalDate today) {
        long good = 0;
        long n = 0;
        for (String ref : refsByScheduledDate.getOrDefault(today, Set.of())) {
            AppointmentAction state = null;
            for (AppointmentAction action : actionsByRef.get(ref)) {
                if (!action.actionTime().isAfter(t) && (state == null || action.isAfter(state))) {
                    state = action;
                }
            }
            if (state == null) {
                continue;
            }
            Instant scheduled = state.scheduled();
            if (state.kind() == AppointmentAction.Kind.CANCELLED || scheduled.isAfter(t)
                    || !openScheduledDate(scheduled).filter(today::equals).isPresent()) {
                continue;
            }
            CheckIn checkIn = ref == null ? null : firstCheckInByRef.get(ref);
            if (checkIn != null && checkIn.time().isAfter(t)) {
                checkIn = null;
            }
            Instant reference = checkIn != null && checkIn.time().isAfter(scheduled) ? checkIn.time() : scheduled;
            Instant deadline = reference.plusMillis(ScoreOptions.APPOINTMENT_LIMIT_MILLIS);
            Instant servedAt = null;
            if (checkIn != null) {
                Visit visit = visits.get(checkIn.visitId());
                servedAt = visit == null ? null : visit.firstServedFrom(checkIn.time(), t);
            }
            if (servedAt != null) {
                n++;
                good += servedAt.isAfter(deadline) ? 0 : 1;
            } else if (t.isAfter(deadline)) {
                n++;
            }
        }
        return Component.of(good, n);
    }

    private Optional<LocalDate> openScheduledDate(Instant scheduled) {
        return openScheduledDates.computeIfAbsent(scheduled,
                s -> registry.isOpenAt(s) ? Optional.of(date(s)) : Optional.empty());
    }

    /** As {@link ComponentCalculator#feedback}, over the counted presses of the 7 local days ending today. */
    private Component feedback(Instant t, LocalDate today) {
        long n = 0;
        long positive = 0;
        for (LocalDate date = today.minusDays(ScoreOptions.FEEDBACK_DAYS - 1L); !date.isAfter(today); date = date.plusDays(1)) {
            for (FeedbackPress press : pressesByDate.getOrDefault(date, List.of())) {
                if (!press.time().isAfter(t)) {
                    n++;
                    positive += press.score() >= 3 ? 1 : 0;
                }
            }
        }
        if (n < options.minimumFeedback()) {
            return Component.none(n);
        }
        return new Component((double) positive / n, n, true);
    }

    /** One visit: its first check-in (smallest time, then event id) and its served times. */
    private static final class Visit {
        CheckIn first;
        LocalDate firstDate;
        boolean firstCounted;
        final List<Instant> served = new ArrayList<>(1);

        /** The earliest served time in [from, t], or null. */
        Instant firstServedFrom(Instant from, Instant t) {
            Instant earliest = null;
            for (Instant s : served) {
                if (!s.isBefore(from) && !s.isAfter(t) && (earliest == null || s.isBefore(earliest))) {
                    earliest = s;
                }
            }
            return earliest;
        }
    }
}
