package io.dealerpulse.jobs.score;

import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.kpi.AppointmentAction;
import io.dealerpulse.jobs.kpi.RegistryHistory;
import io.dealerpulse.jobs.kpi.RegistryHistory.SlotInForce;
import io.dealerpulse.jobs.pipeline.RecentSitesCache;
import io.dealerpulse.jobs.pipeline.SiteInput;
import io.dealerpulse.jobs.pipeline.SourceStream;
import io.dealerpulse.jobs.sink.InfluxPoint;
import io.dealerpulse.schemas.serde.TrustedAvroClasses;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Live and daily scores of one site (keyed by site id), fed by the site KPI function's
 * {@link ScoreSignal}s: the inputs it accepted and the site clock after each.
 *
 * <h2>Why a second keyed function instead of more code in the site KPI function</h2>
 * The site KPI function owns the clock, de-duplication, lateness and the staffing windows; the score
 * needs the same events for longer (30 days of surveys, 7 of feedback) and keeps its own daily
 * history. Feeding a second function with what the first one <em>accepted</em> keeps one source of
 * truth for clock and lateness, keeps each operator's state and savepoint layout separate (the
 * score's state can change without touching the windows' uid), and lets the two run in different
 * slots. The price is a second copy of the events the windows need (the score rebuilds today's
 * windows as of T), bounded by the same correction horizon.
 *
 * <h2>When it writes</h2>
 * When the clock moves from S₀ to S₁: a {@code site_score} point for every whole minute and every
 * window end T in (S₀, S₁], in time order, and before each T the local days that ended by T are
 * closed: their daily score (as of the day's last millisecond) is written to
 * {@code site_score_daily} with a {@code tier_change} point when the daily tier or trend differs
 * from the latest earlier scored day, and sent to the daily comparisons ({@link #DAILY_SCORES}).
 * Then the current minute's point (the next whole minute) is rewritten with every signal, so a
 * dashboard sees an event within a second. An input whose time is at or before S₀ (a late event, a
 * survey imported late, a registry correction) recomputes the closed days that can still be
 * corrected (day end after S₀ − allowed lateness); minute points already passed are not rewritten.
 *
 * <h2>Why the state is mirrored in memory</h2>
 * Evaluating a live point from the state alone means reading and converting every event kept for the
 * site and recomputing today's windows and components, per input: quadratic in a site-day's volume
 * (BENCHMARKS.md §4b). So the function keeps a {@link SiteEvidence} per site next to the state — the
 * same inputs as records, with the incremental {@link LiveScorer} index the live points are read
 * from — and updates it with each input it puts into state. It is not state: it is rebuilt from state
 * on a site's first signal in this operator instance (after a restore, a rescale, an eviction from the
 * bounded {@link RecentSitesCache}) and whenever state changes otherwise than by an added input (a
 * registry version, the daily cleanup). Daily scores and a late input's corrections of closed days
 * (once a day, and rarely) still use the full computation over every kept event.
 */
public class SiteScoreFunction extends KeyedProcessFunction<String, ScoreSignal, InfluxPoint> {
    private static final long serialVersionUID = 1L;

    static {
        TrustedAvroClasses.register();
    }

    public static final OutputTag<DailySiteScore> DAILY_SCORES =
            new OutputTag<>("daily-site-scores", TypeInformation.of(DailySiteScore.class));
    public static final OutputTag<LiveSiteScore> LIVE_SCORES =
            new OutputTag<>("live-site-scores", TypeInformation.of(LiveSiteScore.class));

    /** A clock jump never writes more minute points than 31 days' worth (a site silent for months). */
    private static final int MAX_MINUTES = 31 * 24 * 60;
    private static final long MAX_CATCH_UP_DAYS = 31;
    /**
     * Sites per operator instance whose evidence is kept in memory between signals (see
     * {@link RecentSitesCache}); a few hundred kilobytes each at a busy site's daily volume.
     */
    static final int CACHED_SITES = 2_048;

    private final ScoreOptions options;
    private final long allowedLatenessMillis;

    private transient SiteScorer scorer;
    private transient RecentSitesCache<SiteEvidence> cache;
    private transient MapState<Long, SiteRegistryVersion> registryVersions;
    private transient MapState<String, SiteInput> events;
    private transient MapState<Long, DailyState> dailyScores;
    private transient ValueState<Long> clock;
    private transient ValueState<Long> lastClosedDay;
    private transient ValueState<Long> nextCleanup;

    public SiteScoreFunction(ScoreOptions options, Duration allowedLateness) {
        this.options = options;
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        TrustedAvroClasses.register();
        scorer = new SiteScorer(options);
        cache = new RecentSitesCache<>(CACHED_SITES);
        registryVersions = getRuntimeContext().getMapState(new MapStateDescriptor<>("score-registry-versions",
                Types.LONG, new AvroTypeInfo<>(SiteRegistryVersion.class)));
        events = getRuntimeContext().getMapState(new MapStateDescriptor<>("score-events", Types.STRING,
                TypeInformation.of(SiteInput.class)));
        dailyScores = getRuntimeContext().getMapState(new MapStateDescriptor<>("daily-scores", Types.LONG,
                TypeInformation.of(DailyState.class)));
        clock = getRuntimeContext().getState(new ValueStateDescriptor<>("score-clock", Types.LONG));
        lastClosedDay = getRuntimeContext().getState(new ValueStateDescriptor<>("last-closed-day", Types.LONG));
        nextCleanup = getRuntimeContext().getState(new ValueStateDescriptor<>("score-next-cleanup", Types.LONG));
    }

    @Override
    public void processElement(ScoreSignal signal, Context ctx, Collector<InfluxPoint> out) throws Exception {
        SiteInput input = signal.getInput();
        String site = ctx.getCurrentKey();
        Long before = clock.value();
        Instant touched = null;
        SiteEvidence evidence = cache.get(site);
        if (input != null && input.getStream() == SourceStream.REGISTRY) {
            registryVersions.put(input.getRegistry().getEffectiveFrom().toEpochMilli(), input.getRegistry());
            touched = input.getRegistry().getEffectiveFrom();
            evidence = null; // a new calendar: dates, opening hours and windows of the whole index change
        } else if (input != null && ScoreRecords.needed(input)) {
            events.put(input.eventId(), input);
            touched = input.eventTime();
            if (evidence != null && !evidence.add(input)) {
                evidence = null; // a replaced input: the copy would hold both
            }
        }
        if (evidence == null) {
            evidence = loadEvidence();
            cache.put(site, evidence);
        }
        RegistryHistory registry = evidence.registry();
        Long after = signal.getClock();
        if (registry.isEmpty() || after == null) {
            return;
        }
        Day day = new Day(evidence, ctx, out);
        if (before != null && touched != null && !touched.isAfter(Instant.ofEpochMilli(before))) {
            day.recomputeClosedDays(touched, before, daysAffected(input, evidence));
        }
        if (before == null) {
            // The first clock: days before it were never open on this clock, nothing to close.
            lastClosedDay.update(registry.inForceAt(Instant.ofEpochMilli(after))
                    .map(v -> v.calendar().localDate(Instant.ofEpochMilli(after)).toEpochDay() - 1)
                    .orElse(null));
            clock.update(after);
        } else if (after > before) {
            for (Instant t : EvaluationInstants.between(before, after, windowEnds(registry, before, after), MAX_MINUTES)) {
                day.closeDaysEndedBy(t);
                day.live(t, true);
            }
            day.closeDaysEndedBy(Instant.ofEpochMilli(after));
            clock.update(after);
            if (cleanUp(after)) {
                cache.invalidate(site);
            }
        }
        day.live(EvaluationInstants.currentMinute(clock.value()), false);
    }

    /**
     * One signal's evaluation context: the site's registry, evidence and daily history. Live points
     * come from the incremental {@link LiveScorer}; daily scores (once a day, and a correction's
     * recomputation) from the full computation over every kept event, built on first use.
     */
    private final class Day {
        private final SiteEvidence evidence;
        private final RegistryHistory registry;
        private final DailyHistory history;
        private final Context ctx;
        private final Collector<InfluxPoint> out;
        private SiteScorer.Session session;

        Day(SiteEvidence evidence, Context ctx, Collector<InfluxPoint> out) {
            this.evidence = evidence;
            this.registry = evidence.registry();
            this.history = evidence.history();
            this.ctx = ctx;
            this.out = out;
        }

        private SiteScorer.Session session() {
            if (session == null) {
                session = scorer.session(registry, evidence.activity(), evidence.surveys(), evidence.feedback(), history);
            }
            return session;
        }

        void live(Instant t, boolean reached) {
            Optional<SiteScorer.Scored> scored = evidence.live().isPresent()
                    ? evidence.live().get().asOf(t, history)
                    : session().asOf(t);
            scored.ifPresent(s -> {
                out.collect(ScorePoints.live(s.tags(), t, s.score()));
                if (reached) {
                    ctx.output(LIVE_SCORES, LiveSiteScore.of(s, t));
                }
            });
        }

        /** Closes every local day whose end is at or before {@code t}. */
        void closeDaysEndedBy(Instant t) throws Exception {
            Long last = lastClosedDay.value();
            if (last == null) {
                return;
            }
            LocalDate date = LocalDate.ofEpochDay(last + 1);
            LocalDate today = registry.inForceAt(t).map(v -> v.calendar().localDate(t)).orElse(date);
            if (today.toEpochDay() - date.toEpochDay() > MAX_CATCH_UP_DAYS) {
                date = today.minusDays(MAX_CATCH_UP_DAYS);
            }
            for (; ; date = date.plusDays(1)) {
                Optional<Instant> lastInstant = SiteScorer.lastInstant(date, registry);
                if (lastInstant.isPresent() && lastInstant.get().isBefore(t)) {
                    close(date, false);
                    lastClosedDay.update(date.toEpochDay());
                } else if (lastInstant.isEmpty() && date.isBefore(today)) {
                    lastClosedDay.update(date.toEpochDay());
                } else {
                    return;
                }
            }
        }

        /**
         * Recomputes the closed days from the one containing {@code from} that can still be corrected;
         * with {@code onlyDays}, only those days and every day after one whose score changed (its
         * trend reads the earlier days). A day not recomputed would have kept its stored score.
         */
        void recomputeClosedDays(Instant from, long clockBefore, Set<LocalDate> onlyDays) throws Exception {
            Long last = lastClosedDay.value();
            if (last == null) {
                return;
            }
            Instant correctable = Instant.ofEpochMilli(clockBefore - allowedLatenessMillis);
            LocalDate date = registry.inForceAt(Instant.MAX).map(v -> v.calendar().localDate(from)).orElseThrow();
            boolean changed = false;
            for (; date.toEpochDay() <= last; date = date.plusDays(1)) {
                Optional<Instant> lastInstant = SiteScorer.lastInstant(date, registry);
                if (lastInstant.isPresent() && lastInstant.get().isAfter(correctable)
                        && (onlyDays == null || changed || onlyDays.contains(date))) {
                    changed |= close(date, true);
                }
            }
        }

        /**
         * Computes the daily score of {@code date}; writes it (and a tier change) when it differs from
         * the stored one, and then returns true.
         */
        private boolean close(LocalDate date, boolean correction) throws Exception {
            Optional<SiteScorer.Scored> scored = session().daily(date);
            if (scored.isEmpty()) {
                return false;
            }
            SiteScore score = scored.get().score();
            DailyHistory.Day day = new DailyHistory.Day(score.score(), score.valid(), score.tier(), score.trend());
            DailyState stored = dailyScores.get(date.toEpochDay());
            if (stored != null && stored.day().equals(day)) {
                return false;
            }
            dailyScores.put(date.toEpochDay(), DailyState.of(score));
            history.put(date, day);
            SiteTags tags = scored.get().tags();
            Instant dayStart = registry.inForceAt(Instant.MAX).orElseThrow().calendar().dayStart(date);
            out.collect(ScorePoints.daily(tags, date, dayStart, score));
            ctx.output(DAILY_SCORES, DailySiteScore.of(tags, date, score));
            Optional<TierChange> change = history.previousScored(date).flatMap(prev -> score.valid()
                    ? TierChange.between(prev.getValue().tier(), prev.getValue().trend(), score.tier(), score.trend())
                    : Optional.empty());
            if (change.isPresent()) {
                out.collect(ScorePoints.tierChange(tags, date, dayStart, change.get()));
            } else if (correction) {
                // a corrected day may no longer be a change: remove a point written before
                out.collect(InfluxPoint.tombstoneOf(ScorePoints.tierChange(tags, date, dayStart,
                        new TierChange(TierChange.Kind.TREND_CHANGED, Tier.NONE, Tier.NONE, Trend.STABLE, Trend.STABLE, ""))));
            }
            return true;
        }
    }

    /**
     * The local dates whose daily score an appointment action can change: only the appointments
     * component reads appointment actions, and only on the dates the appointment's actions schedule it
     * (its state as of a day's end is one of them); when the site's registry versions change zone, ±1
     * day covers the dates the other zone gives the same instant. Null (every correctable day) for any
     * other input. Recomputing every correctable day for each booking, most of them made days ahead,
     * was 16 % of this operator's profile, and the ±1 day for every site 28 % after that.
     */
    private static Set<LocalDate> daysAffected(SiteInput input, SiteEvidence evidence) {
        if (input == null || input.getStream() != SourceStream.APPOINTMENT
                || input.getAppointment().getAppointmentRefPseudonym() == null) {
            return null;
        }
        String ref = input.getAppointment().getAppointmentRefPseudonym();
        boolean oneZone = evidence.live().isPresent(); // present only when every version has the same zone
        Set<LocalDate> days = new HashSet<>();
        for (AppointmentAction action : evidence.actionsOf(ref)) {
            Optional<RegistryHistory.VersionedCalendar> version = evidence.registry().inForceAt(action.scheduled());
            if (version.isEmpty()) {
                return null;
            }
            LocalDate date = version.get().calendar().localDate(action.scheduled());
            days.add(date);
            if (!oneZone) {
                days.add(date.minusDays(1));
                days.add(date.plusDays(1));
            }
        }
        return days;
    }

    /** The site's evidence from its state (on its first signal here, and after a change the copy does not follow). */
    private SiteEvidence loadEvidence() throws Exception {
        List<Map.Entry<Long, DailyState>> entries = new ArrayList<>();
        dailyScores.entries().forEach(entries::add);
        entries.sort(Map.Entry.comparingByKey());
        DailyHistory history = new DailyHistory();
        for (Map.Entry<Long, DailyState> e : entries) {
            history.put(LocalDate.ofEpochDay(e.getKey()), e.getValue().day());
        }
        List<SiteRegistryVersion> versions = new ArrayList<>();
        registryVersions.values().forEach(versions::add);
        return SiteEvidence.of(options, versions, events.values(), history);
    }

    private static List<Instant> windowEnds(RegistryHistory registry, long before, long after) {
        List<Instant> ends = new ArrayList<>();
        Instant from = Instant.ofEpochMilli(before).minus(Duration.ofMinutes(15));
        Instant to = Instant.ofEpochMilli(after);
        if (Duration.between(from, to).toDays() > MAX_CATCH_UP_DAYS) {
            from = to.minus(Duration.ofDays(MAX_CATCH_UP_DAYS));
        }
        for (SlotInForce slot : registry.openSlotsStartingIn(from, to)) {
            ends.add(slot.slot().end());
        }
        return ends;
    }

    /**
     * Once a day of site clock: drops inputs that can no longer change a correctable score, and old
     * daily scores. True when it ran (the in-memory evidence no longer matches the state).
     */
    private boolean cleanUp(long now) throws Exception {
        Long due = nextCleanup.value();
        if (due != null && now < due) {
            return false;
        }
        Instant t = Instant.ofEpochMilli(now);
        Duration lateness = Duration.ofMillis(allowedLatenessMillis);
        // An appointment's actions go together, when the last of them may go: a booking for Friday
        // moved to Tuesday must not outlive the reschedule and count as due on Friday again.
        Map<String, Instant> appointmentKeptUntil = new HashMap<>();
        for (SiteInput input : events.values()) {
            if (input.getStream() == SourceStream.APPOINTMENT) {
                appointmentKeptUntil.merge(input.getAppointment().getAppointmentRefPseudonym(),
                        ScoreRecords.keepUntil(input, lateness), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, SiteInput> e : events.entries()) {
            SiteInput input = e.getValue();
            Instant keptUntil = input.getStream() == SourceStream.APPOINTMENT
                    ? appointmentKeptUntil.get(input.getAppointment().getAppointmentRefPseudonym())
                    : ScoreRecords.keepUntil(input, lateness);
            if (keptUntil.isBefore(t)) {
                expired.add(e.getKey());
            }
        }
        for (String id : expired) {
            events.remove(id);
        }
        Long last = lastClosedDay.value();
        if (last != null) {
            List<Long> old = new ArrayList<>();
            for (Long d : dailyScores.keys()) {
                if (d < last - ScoreOptions.TREND_DAYS - 1) {
                    old.add(d);
                }
            }
            for (Long d : old) {
                dailyScores.remove(d);
            }
        }
        nextCleanup.update(now + Duration.ofDays(1).toMillis());
        return true;
    }
}
