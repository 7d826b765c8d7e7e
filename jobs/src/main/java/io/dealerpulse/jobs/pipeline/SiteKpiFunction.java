package io.dealerpulse.jobs.pipeline;

import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.kpi.RegistryHistory;
import io.dealerpulse.jobs.kpi.RegistryHistory.SlotInForce;
import io.dealerpulse.jobs.kpi.SiteActivity;
import io.dealerpulse.jobs.kpi.SiteCalendar;
import io.dealerpulse.jobs.kpi.StaffingWindow;
import io.dealerpulse.jobs.kpi.WindowCalculator;
import io.dealerpulse.jobs.score.ScoreSignal;
import io.dealerpulse.jobs.sink.InfluxPoint;
import io.dealerpulse.schemas.serde.TrustedAvroClasses;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
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
 * All staffing KPIs of one site: keyed by site id, it receives the site's six input streams (as
 * {@link SiteInput}), keeps the site's registry versions, de-duplication ids, the events its open
 * days still need and its clock in keyed state, and emits {@code staffing_window} and
 * {@code stream_accounting} points. The arithmetic is in the pure {@code io.dealerpulse.jobs.kpi}
 * classes; this class only decides <em>when</em> to compute and holds the state.
 *
 * <h2>Why each site has its own clock instead of Flink's watermark</h2>
 * A Flink watermark is global to a subtask: it is the minimum over all input partitions, and with
 * sites sharing partitions, one site's progress decides every other site's lateness. A site whose
 * internet was down for a day would then send a day of events behind everybody's watermark, all of
 * them late (or dropped), and a single silent site would hold every other site's windows open. So
 * time here is data-driven per key: the <b>site clock</b> S is the greatest event time seen from the
 * site's own agent (footfall, kiosk, heartbeats) minus the out-of-orderness. Appointments, surveys
 * and registry versions never move it. A window [start, end) closes when an event moves S to or
 * past its end (checked on every event: there is no per-site event-time timer service, and a clock
 * that only moves with data needs none); a site catching up after an outage replays its day in
 * order, its clock advances with it, and none of its events is late. No watermarks are needed on
 * the inputs. Processing-time timers are used only for the unknown-site hold and for periodic
 * accounting output.
 *
 * <h2>Late data</h2>
 * An agent-stream event with event time before S (as it was before the event) is late: within the
 * allowed lateness it is applied and its windows are rewritten ({@code corrected_late}); beyond it,
 * it goes to {@link #LATE_EVENTS} and changes nothing ({@code too_late}). Appointments are judged
 * by the window they apply to (see {@code lateness}). The too-late test comes before
 * de-duplication, so the answer does not depend on whether the id was already cleaned up.
 *
 * <h2>Why events, not per-slot accumulators</h2>
 * Most staffing fields are not additive per slot: a sign-on changes every later slot of the day, a
 * SERVED completes the waiting of an earlier slot, a check-in makes an appointment of another slot
 * arrived, a reschedule moves an appointment between slots or days, a registry version changes a
 * day's hours and band. Incremental per-slot accumulators would have to keep these events anyway, so
 * the function keeps the (de-duplicated) events the correctable days need and recomputes a day with
 * the pure {@link WindowCalculator} — the operator then equals the definitions by construction, and
 * a restore, a replay or a different arrival order gives the same points. The price is a pass over
 * the retained events' records per recomputation, bounded by the allowed lateness; on-time footfall
 * (most of the input) recomputes nothing until the clock closes a window. The records are kept in
 * memory next to the state ({@link RecentSitesCache}), so a recomputation reads no state: rebuilding
 * them from state for each closed slot (on RocksDB, deserializing every retained event) was the
 * operator's main cost.
 *
 * <h2>Output and state size</h2>
 * A closed window is recomputed (as of the end of its local day) when the clock closes it and when
 * an event that can change it arrives; it is emitted only when its point differs from the last one
 * emitted, which is kept in state, so replays after a restore rewrite identical points. Ids and
 * events are kept until their local day can no longer be corrected (day end + allowed lateness on
 * the site clock), then removed the next time the clock passes that instant.
 */
public class SiteKpiFunction extends KeyedProcessFunction<String, SiteInput, InfluxPoint> {
    private static final long serialVersionUID = 1L;

    static {
        // State restore deserializes our Avro classes before anything else of ours has run.
        TrustedAvroClasses.register();
    }

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("unknown-site-dead-letters", new AvroTypeInfo<>(DeadLetter.class));
    public static final OutputTag<DeadLetter> LATE_EVENTS =
            new OutputTag<>("too-late-events", new AvroTypeInfo<>(DeadLetter.class));
    /**
     * Every input this function applied (registry versions, events past de-duplication and the
     * too-late test) with the site clock after it, in order: the score function's input, so clock and
     * lateness have one source of truth (see {@code io.dealerpulse.jobs.score.SiteScoreFunction}).
     */
    public static final OutputTag<ScoreSignal> SCORE_SIGNALS =
            new OutputTag<>("score-signals", TypeInformation.of(ScoreSignal.class));

    /** Upper bound of a local day's length (25 h) plus a margin, for window enumeration. */
    private static final Duration DAY_MARGIN = Duration.ofHours(26);
    /** A clock jump never enumerates windows further back than this (a site silent for months). */
    private static final Duration MAX_CATCH_UP = Duration.ofDays(31);

    /**
     * Sites per operator instance whose activity records and registry history are kept in memory
     * between inputs (see {@link RecentSitesCache}): the records of the site's retained events, as
     * Java objects (docs/deploy.md, heap per task slot).
     */
    static final int CACHED_SITES = 4_096;

    private final KpiOptions options;
    private final int cachedSites;
    private final boolean narrowRecomputation;

    /**
     * The records {@code retainedEvents} holds, as {@link WindowCalculator} reads them: rebuilding them
     * from state (on RocksDB a deserialization of every retained event) whenever a slot closed was the
     * operator's main cost. Follows every put; dropped when cleanup removes events.
     */
    private transient RecentSitesCache<SiteActivity> activities;
    /** The site's registry versions as a history (calendars with their per-date caches); dropped on a new version. */
    private transient RecentSitesCache<RegistryHistory> registries;
    private transient ValueState<Long> latestAgentEventTime;
    private transient ValueState<Long> windowOrigin;
    private transient MapState<Long, SiteRegistryVersion> registryVersions;
    private transient MapState<String, Long> seenIds;
    private transient MapState<String, SiteInput> retainedEvents;
    /**
     * Per appointment ref, the latest expiry of its actions: every action of an appointment is kept as
     * long as any of them, so a booking never outlives the reschedule that moved it to an earlier day.
     */
    private transient MapState<String, Long> appointmentExpiry;
    private transient ValueState<Long> nextCleanup;
    private transient MapState<Long, InfluxPoint> emittedWindows;
    private transient ListState<HeldInput> heldInputs;
    private transient SiteAccounting accounting;
    private transient ValueState<Long> latestInputTime;
    private transient ValueState<Boolean> accountingChanged;
    private transient ValueState<Long> accountingTimer;
    private transient ValueState<Long> lastAccountingTime;
    private transient MapState<String, String> openingClasses;
    /** Set when cleanup dropped retained events: the next recomputation covers every correctable window. */
    private transient ValueState<Boolean> recomputeAllPending;

    public SiteKpiFunction(KpiOptions options) {
        this(options, CACHED_SITES, true);
    }

    /** With another activity cache size: 0 rebuilds a site's activity from state every time (tests). */
    SiteKpiFunction(KpiOptions options, int cachedSites) {
        this(options, cachedSites, true);
    }

    private SiteKpiFunction(KpiOptions options, int cachedSites, boolean narrowRecomputation) {
        this.options = options;
        this.cachedSites = cachedSites;
        this.narrowRecomputation = narrowRecomputation;
    }

    /**
     * The reference the optimisations are tested against (tests only): no activity cache, and every
     * late input or input that can change a closed window recomputes every correctable window.
     */
    static SiteKpiFunction recomputingEveryCorrectableWindow(KpiOptions options) {
        return new SiteKpiFunction(options, 0, false);
    }

    @Override
    public void open(OpenContext openContext) {
        // Also here, not only in the static block: a task's user class loader may load this class
        // before the trusted-package list of its Avro classes is read.
        TrustedAvroClasses.register();
        activities = new RecentSitesCache<>(cachedSites);
        registries = new RecentSitesCache<>(cachedSites);
        latestAgentEventTime = valueState("latest-agent-event-time", Types.LONG);
        windowOrigin = valueState("window-origin", Types.LONG);
        registryVersions = getRuntimeContext().getMapState(new MapStateDescriptor<>("registry-versions",
                Types.LONG, new AvroTypeInfo<>(SiteRegistryVersion.class)));
        seenIds = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.LONG));
        retainedEvents = getRuntimeContext().getMapState(new MapStateDescriptor<>("retained-events",
                Types.STRING, TypeInformation.of(SiteInput.class)));
        appointmentExpiry = getRuntimeContext().getMapState(new MapStateDescriptor<>("appointment-expiry",
                Types.STRING, Types.LONG));
        nextCleanup = valueState("next-cleanup", Types.LONG);
        emittedWindows = getRuntimeContext().getMapState(new MapStateDescriptor<>("emitted-windows",
                Types.LONG, TypeInformation.of(InfluxPoint.class)));
        heldInputs = getRuntimeContext().getListState(new ListStateDescriptor<>("held-inputs",
                TypeInformation.of(HeldInput.class)));
        accounting = new SiteAccounting(getRuntimeContext());
        latestInputTime = valueState("latest-input-time", Types.LONG);
        accountingChanged = valueState("accounting-changed", Types.BOOLEAN);
        accountingTimer = valueState("accounting-timer", Types.LONG);
        lastAccountingTime = valueState("last-accounting-time", Types.LONG);
        openingClasses = getRuntimeContext().getMapState(new MapStateDescriptor<>("opening-classes",
                Types.STRING, Types.STRING));
        recomputeAllPending = valueState("recompute-all-pending", Types.BOOLEAN);
    }

    private <T> ValueState<T> valueState(String name, TypeInformation<T> type) {
        return getRuntimeContext().getState(new ValueStateDescriptor<>(name, type));
    }

    @Override
    public void processElement(SiteInput input, Context ctx, Collector<InfluxPoint> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        noteInputTime(input);
        boolean windowsClosed = false;
        if (input.carriesDeadLetter()) {
            accounting.receive(input.getStream(), Bucket.DEAD_LETTERED);
        } else if (input.getStream() == SourceStream.REGISTRY) {
            onRegistryVersion(input, ctx, out);
        } else if (registryVersions.isEmpty()) {
            hold(input, now, ctx);
        } else {
            windowsClosed = onEvent(input, registry(ctx.getCurrentKey()), ctx, out);
        }
        accountingChanged.update(true);
        if (options.accountingOnEveryEvent() || windowsClosed) {
            emitAccounting(ctx.getCurrentKey(), out);
        } else if (accountingTimer.value() == null) {
            long at = now + options.accountingEmitInterval().toMillis();
            ctx.timerService().registerProcessingTimeTimer(at);
            accountingTimer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        List<HeldInput> stillHeld = new ArrayList<>();
        boolean expired = false;
        for (HeldInput held : heldInputs.get()) {
            if (held.getHeldUntil() <= now) {
                ctx.output(DEAD_LETTERS, Rejections.unknownSite(held.getInput(), options.unknownSiteHold()));
                accounting.move(held.getInput().getStream(), Bucket.PENDING, Bucket.DEAD_LETTERED, 1);
                expired = true;
            } else {
                stillHeld.add(held);
            }
        }
        if (expired) {
            heldInputs.update(stillHeld);
            accountingChanged.update(true);
        }
        Long accountingAt = accountingTimer.value();
        boolean accountingDue = accountingAt != null && accountingAt <= timestamp;
        if (accountingDue) {
            accountingTimer.clear();
        }
        if ((expired || accountingDue) && Boolean.TRUE.equals(accountingChanged.value())) {
            emitAccounting(ctx.getCurrentKey(), out);
        }
    }

    // ---------------------------------------------------------------- inputs

    private void hold(SiteInput input, long now, Context ctx) throws Exception {
        long until = now + options.unknownSiteHold().toMillis();
        heldInputs.add(new HeldInput(input, until));
        ctx.timerService().registerProcessingTimeTimer(until);
        accounting.receive(input.getStream(), Bucket.PENDING);
    }

    private void onRegistryVersion(SiteInput input, Context ctx, Collector<InfluxPoint> out) throws Exception {
        SiteRegistryVersion version = input.getRegistry();
        for (SiteRegistryVersion known : registryVersions.values()) {
            if (known.getEventId().equals(version.getEventId())) {
                accounting.receive(SourceStream.REGISTRY, Bucket.DUPLICATE);
                return;
            }
        }
        registryVersions.put(version.getEffectiveFrom().toEpochMilli(), version);
        accounting.receive(SourceStream.REGISTRY, Bucket.AGGREGATED);
        ctx.output(SCORE_SIGNALS, ScoreSignal.applied(ctx.getCurrentKey(), input, siteClock()));
        registries.invalidate(ctx.getCurrentKey());
        RegistryHistory registry = registry(ctx.getCurrentKey());

        // Events that waited for the site's first registry version are applied now, in arrival order.
        List<HeldInput> held = new ArrayList<>();
        heldInputs.get().forEach(held::add);
        heldInputs.clear();
        for (HeldInput h : held) {
            accounting.forget(h.getInput().getStream(), Bucket.PENDING);
            onEvent(h.getInput(), registry, ctx, out);
        }
        // A new version may change windows that already closed (e.g. new hours or band), and whether
        // inputs already counted were in an open slot.
        Long clock = siteClock();
        reclassifyOpening(registry, clock);
        updateWindows(ctx.getCurrentKey(), registry, clock, clock, true, ClosedWindowImpact.NONE, out);
    }

    /**
     * The accounting class of an applied footfall, kiosk or appointment input, kept (like its id) while
     * its day can be corrected: whether its slot was open decides {@code outside_opening_hours}, and a
     * registry version read late can change that. Encoded as text to keep the state type simple.
     */
    private record OpeningClass(SourceStream stream, long appliesAt, Bucket bucket, long dayEnd) {
        String encode() {
            return stream.code() + "|" + appliesAt + "|" + bucket.name() + "|" + dayEnd;
        }

        static OpeningClass decode(String text) {
            String[] parts = text.split("\\|");
            return new OpeningClass(SourceStream.ofCode(parts[0]), Long.parseLong(parts[1]), Bucket.valueOf(parts[2]),
                    Long.parseLong(parts[3]));
        }
    }

    /**
     * Re-judges, under the registry history including a newly read version, whether each input still
     * in state was in an open slot, and moves it into or out of {@code outside_opening_hours}, so the
     * accounting does not depend on whether the version was read before or after the input. An input
     * entering the hours is pending or aggregated as its day is open or closed on the clock.
     */
    private void reclassifyOpening(RegistryHistory registry, Long clock) throws Exception {
        Map<String, String> changed = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : openingClasses.entries()) {
            OpeningClass was = OpeningClass.decode(entry.getValue());
            boolean outsideNow = !registry.isOpenAt(Instant.ofEpochMilli(was.appliesAt()));
            boolean outsideBefore = was.bucket() == Bucket.OUTSIDE_OPENING_HOURS;
            if (outsideNow == outsideBefore) {
                continue;
            }
            Bucket from = was.bucket() == Bucket.PENDING && clock != null && was.dayEnd() <= clock
                    ? Bucket.AGGREGATED : was.bucket(); // pending inputs of a closed day were settled
            Bucket to;
            if (outsideNow) {
                to = Bucket.OUTSIDE_OPENING_HOURS;
            } else {
                to = clock != null && was.dayEnd() <= clock ? Bucket.AGGREGATED : Bucket.PENDING;
            }
            accounting.reclassify(was.stream(), from, was.dayEnd(), to, was.dayEnd());
            changed.put(entry.getKey(), new OpeningClass(was.stream(), was.appliesAt(), to, was.dayEnd()).encode());
        }
        for (Map.Entry<String, String> entry : changed.entrySet()) {
            openingClasses.put(entry.getKey(), entry.getValue());
        }
    }

    /** Applies one event of a known site; returns whether the site clock closed windows. */
    private boolean onEvent(SiteInput input, RegistryHistory registry, Context ctx, Collector<InfluxPoint> out)
            throws Exception {
        SourceStream stream = input.getStream();
        Instant t = input.eventTime();
        Long clockBefore = siteClock();
        long lateness = options.allowedLateness().toMillis();
        Instant appliesAt = stream == SourceStream.APPOINTMENT ? input.getAppointment().getScheduledTime() : t;
        long dayEnd = dayEnd(registry, input, appliesAt);
        Lateness lateBy = lateness(input, registry, clockBefore, appliesAt, dayEnd);
        if (lateBy == Lateness.TOO_LATE) {
            accounting.receive(stream, Bucket.TOO_LATE);
            ctx.output(LATE_EVENTS, Rejections.tooLate(input, appliesAt, Instant.ofEpochMilli(clockBefore),
                    options.allowedLateness()));
            return false;
        }
        String id = input.eventId();
        if (seenIds.contains(id)) {
            accounting.receive(stream, Bucket.DUPLICATE);
            return false;
        }
        boolean late = lateBy == Lateness.LATE;
        boolean outside = (stream == SourceStream.FOOTFALL || stream == SourceStream.KIOSK
                || stream == SourceStream.APPOINTMENT) && !registry.isOpenAt(appliesAt);
        Bucket bucket;
        if (outside) {
            bucket = Bucket.OUTSIDE_OPENING_HOURS;
        } else if (late) {
            bucket = Bucket.CORRECTED_LATE;
        } else if (stream == SourceStream.AGENT_STATUS || (clockBefore != null && dayEnd <= clockBefore)) {
            bucket = Bucket.AGGREGATED;
        } else {
            bucket = Bucket.PENDING;
        }
        if (bucket == Bucket.PENDING) {
            accounting.receivePending(stream, dayEnd);
        } else {
            accounting.receive(stream, bucket);
        }
        if (stream == SourceStream.FOOTFALL || stream == SourceStream.KIOSK || stream == SourceStream.APPOINTMENT) {
            openingClasses.put(input.eventId(), new OpeningClass(stream, appliesAt.toEpochMilli(), bucket, dayEnd).encode());
        }

        // An id is kept while either day it belongs to can still change: the day it applies to (an
        // appointment's scheduled day, a survey's visit date) and the day of its event time (a booking
        // made days ahead, a survey answered days after the visit), so a re-send within that time is a
        // duplicate ("first occurrence wins") and never counted twice.
        long expiry = Math.max(dayEnd, localDayEnd(registry, t)) + lateness;
        if (stream == SourceStream.APPOINTMENT) {
            String ref = input.getAppointment().getAppointmentRefPseudonym();
            Long ofRef = appointmentExpiry.get(ref);
            if (ofRef == null || ofRef < expiry) {
                appointmentExpiry.put(ref, expiry);
            }
        }
        seenIds.put(id, expiry);
        Long cleanupAt = nextCleanup.value();
        if (cleanupAt == null || expiry < cleanupAt) {
            nextCleanup.update(expiry);
        }
        if (ActivityRecords.needed(input)) {
            retainedEvents.put(id, input);
            SiteActivity cached = activities.get(ctx.getCurrentKey());
            if (cached != null) {
                ActivityRecords.addTo(cached, input);
            }
        }
        Long originBefore = windowOrigin.value();
        if (stream.movesSiteClock()) {
            Long origin = originBefore;
            long dayStart = registry.inForceAt(t).map(v -> v.calendar().dayStart(v.calendar().localDate(t)))
                    .orElse(t).toEpochMilli();
            if (origin == null || dayStart < origin) {
                windowOrigin.update(dayStart);
            }
            Long latest = latestAgentEventTime.value();
            if (latest == null || t.toEpochMilli() > latest) {
                latestAgentEventTime.update(t.toEpochMilli());
            }
        }
        Long clockAfter = siteClock();
        ctx.output(SCORE_SIGNALS, ScoreSignal.applied(ctx.getCurrentKey(), input, clockAfter));
        boolean canChangeClosed = late || ActivityRecords.canChangeClosedWindows(input);
        // Of the inputs that can change closed windows, a site's first clock, one that moved the window
        // origin (new windows come into range) and the first one after a cleanup dropped events (the
        // activity shrank) recompute every correctable window; the others recompute only the slots they
        // can affect (ClosedWindowImpact). Either way the same points are written.
        boolean recomputeAll = canChangeClosed && (!narrowRecomputation || clockBefore == null
                || !java.util.Objects.equals(originBefore, windowOrigin.value())
                || Boolean.TRUE.equals(recomputeAllPending.value()));
        ClosedWindowImpact affected = canChangeClosed && !recomputeAll
                ? ClosedWindowImpact.of(input, late, activity(ctx.getCurrentKey())) : ClosedWindowImpact.NONE;
        if (affected == null) {
            recomputeAll = true;
            affected = ClosedWindowImpact.NONE;
        }
        boolean closed = updateWindows(ctx.getCurrentKey(), registry, clockBefore, clockAfter, recomputeAll, affected,
                out);
        if (clockAfter != null && !clockAfter.equals(clockBefore)) {
            accounting.settle(clockAfter);
            if (cleanUp(clockAfter)) {
                activities.invalidate(ctx.getCurrentKey());
                // Its calendars cache each date asked for: rebuilt with the activity, they hold a day or two.
                registries.invalidate(ctx.getCurrentKey());
            }
        }
        return closed;
    }

    private enum Lateness { ON_TIME, LATE, TOO_LATE }

    /**
     * Agent streams (footfall, kiosk, heartbeats) are judged by their event time against the site
     * clock: before S is late, before S − allowed lateness is too late. An appointment action is
     * judged by the window it applies to (its scheduled time): late once that window has closed, too
     * late once that local day is beyond the allowed lateness — its action time is often days before
     * the clock (bookings are made in advance) and says nothing about lateness. A survey is never
     * late here: it feeds no staffing window (part 2 scores read it per visit date).
     */
    private Lateness lateness(SiteInput input, RegistryHistory registry, Long clock, Instant appliesAt, long dayEnd) {
        if (clock == null) {
            return Lateness.ON_TIME;
        }
        long allowed = options.allowedLateness().toMillis();
        return switch (input.getStream()) {
            case FOOTFALL, KIOSK, AGENT_STATUS -> {
                long t = input.eventTime().toEpochMilli();
                yield t < clock - allowed ? Lateness.TOO_LATE : t < clock ? Lateness.LATE : Lateness.ON_TIME;
            }
            case APPOINTMENT -> {
                if (dayEnd <= clock - allowed) {
                    yield Lateness.TOO_LATE;
                }
                long windowEnd = registry.slotAt(appliesAt).map(s -> s.slot().end().toEpochMilli())
                        .orElse(appliesAt.toEpochMilli());
                yield windowEnd <= clock ? Lateness.LATE : Lateness.ON_TIME;
            }
            default -> Lateness.ON_TIME;
        };
    }

    // ---------------------------------------------------------------- windows

    /**
     * Emits windows closed by the clock moving from {@code before} to {@code after}, and, when
     * {@code recomputeClosed}, every closed window whose local day can still be corrected (and deletes
     * the written ones the registry no longer opens), otherwise those of them {@code affected} covers; a
     * window is written only if its point changed. Returns whether new windows
     * closed.
     */
    private boolean updateWindows(String site, RegistryHistory registry, Long before, Long after, boolean recomputeClosed,
            ClosedWindowImpact affected, Collector<InfluxPoint> out) throws Exception {
        Long origin = windowOrigin.value();
        if (after == null || origin == null) {
            return false;
        }
        Instant clock = Instant.ofEpochMilli(after);
        Instant earliest = max(Instant.ofEpochMilli(origin), clock.minus(MAX_CATCH_UP));
        Map<Instant, SlotInForce> due = new LinkedHashMap<>();
        boolean newlyClosed = false;
        if (before == null || after > before) {
            Instant from = before == null ? earliest : max(earliest, Instant.ofEpochMilli(before).minus(SiteCalendar.SLOT));
            for (SlotInForce slot : registry.openSlotsStartingIn(from, clock)) {
                long end = slot.slot().end().toEpochMilli();
                if (end <= after && (before == null || end > before)) {
                    due.put(slot.slot().start(), slot);
                    newlyClosed = true;
                }
            }
        }
        if (recomputeClosed || !affected.isEmpty()) {
            Instant correctableFrom = clock.minus(options.allowedLateness());
            Instant from = max(earliest, correctableFrom.minus(DAY_MARGIN));
            for (SlotInForce slot : registry.openSlotsStartingIn(from, clock)) {
                SiteCalendar calendar = slot.calendar().calendar();
                if (!slot.slot().end().isAfter(clock)
                        && (recomputeClosed || affected.covers(slot))
                        && calendar.dayEnd(slot.slot().localDate()).isAfter(correctableFrom)) {
                    due.putIfAbsent(slot.slot().start(), slot);
                }
            }
            // Only a registry version changes which slots are open; between versions nothing to delete.
            if (recomputeClosed) {
                deleteWindowsNoLongerOpen(registry, due, from, correctableFrom, out);
                recomputeAllPending.clear();
            }
        }
        if (due.isEmpty()) {
            return false;
        }
        SiteActivity activity = activity(site);
        Map<String, List<SlotInForce>> byDay = new LinkedHashMap<>();
        for (SlotInForce slot : due.values()) {
            byDay.computeIfAbsent(slot.calendar().effectiveFrom() + "/" + slot.slot().localDate(),
                    k -> new ArrayList<>()).add(slot);
        }
        for (List<SlotInForce> day : byDay.values()) {
            SlotInForce first = day.get(0);
            List<StaffingWindow> windows = WindowCalculator.compute(first.calendar(), first.slot().localDate(),
                    day.stream().map(SlotInForce::slot).toList(), activity);
            for (StaffingWindow window : windows) {
                InfluxPoint point = KpiPoints.of(window);
                long key = window.start().toEpochMilli();
                InfluxPoint emitted = emittedWindows.get(key);
                if (!point.equals(emitted)) {
                    if (emitted != null && !emitted.getTags().equals(point.getTags())) {
                        // Other tags = another series: the old point would stay beside the new one.
                        out.collect(InfluxPoint.tombstoneOf(emitted));
                    }
                    out.collect(point);
                    emittedWindows.put(key, point);
                }
            }
        }
        return newlyClosed;
    }

    /**
     * Deletes the written windows of the correctable days that the registry history no longer opens
     * (a version read after them closed those slots, e.g. a lunch closure or a dated exception). A
     * version may arrive after the windows it governs were written - on a first deployment or a
     * reprocessing every topic is read at once - so the days still in state are re-evaluated under
     * the full history and the output equals that of a run that read the version first. Days beyond
     * the allowed lateness are final and are not changed.
     */
    private void deleteWindowsNoLongerOpen(RegistryHistory registry, Map<Instant, SlotInForce> stillOpen,
            Instant from, Instant correctableFrom, Collector<InfluxPoint> out) throws Exception {
        List<Long> obsolete = new ArrayList<>();
        for (Map.Entry<Long, InfluxPoint> emitted : emittedWindows.entries()) {
            Instant start = Instant.ofEpochMilli(emitted.getKey());
            if (start.isBefore(from) || stillOpen.containsKey(start)) {
                continue;
            }
            boolean correctable = registry.inForceAt(start)
                    .map(v -> v.calendar().dayEnd(v.calendar().localDate(start)).isAfter(correctableFrom))
                    .orElse(false);
            if (correctable) {
                obsolete.add(emitted.getKey());
            }
        }
        for (Long start : obsolete) {
            out.collect(InfluxPoint.tombstoneOf(emittedWindows.get(start)));
            emittedWindows.remove(start);
        }
    }

    // ---------------------------------------------------------------- clock, cleanup, accounting

    /** S = latest agent event time − out-of-orderness; null until the site's agent has sent anything. */
    private Long siteClock() throws Exception {
        Long latest = latestAgentEventTime.value();
        return latest == null ? null : latest - options.outOfOrderness().toMillis();
    }

    /** The site's registry history: the cached copy, or rebuilt from state. */
    private RegistryHistory registry(String site) throws Exception {
        RegistryHistory history = registries.get(site);
        if (history == null) {
            history = new RegistryHistory();
            for (SiteRegistryVersion version : registryVersions.values()) {
                history.add(version);
            }
            registries.put(site, history);
        }
        return history;
    }

    /** End of the local day containing {@code t}, in the zone in force then. */
    private static long localDayEnd(RegistryHistory registry, Instant t) {
        return registry.inForceAt(t).map(v -> v.calendar().dayEnd(v.calendar().localDate(t)))
                .orElse(t.plus(Duration.ofDays(1))).toEpochMilli();
    }

    /** End of the local day an event applies to (a survey: its visit date), in the zone in force then. */
    private static long dayEnd(RegistryHistory registry, SiteInput input, Instant appliesAt) {
        Optional<RegistryHistory.VersionedCalendar> version = registry.inForceAt(appliesAt);
        if (version.isEmpty()) {
            return appliesAt.plus(Duration.ofDays(1)).toEpochMilli();
        }
        SiteCalendar calendar = version.get().calendar();
        if (input.getStream() == SourceStream.SURVEY) {
            return calendar.dayEnd(input.getSurvey().getVisitDate()).toEpochMilli();
        }
        return calendar.dayEnd(calendar.localDate(appliesAt)).toEpochMilli();
    }

    /** The in-memory copy of the site's activity, or null (tests: it must hold what state holds). */
    SiteActivity cachedActivity(String site) {
        return activities.get(site);
    }

    /** The site's activity records: the cached copy, or rebuilt from the retained events. */
    private SiteActivity activity(String site) throws Exception {
        SiteActivity activity = activities.get(site);
        if (activity == null) {
            activity = new SiteActivity();
            for (SiteInput retained : retainedEvents.values()) {
                ActivityRecords.addTo(activity, retained);
            }
            activities.put(site, activity);
        }
        return activity;
    }

    /**
     * Drops ids, events and emitted points of days that can no longer be corrected; returns whether
     * retained events were dropped.
     */
    private boolean cleanUp(long clock) throws Exception {
        Long cleanupAt = nextCleanup.value();
        if (cleanupAt == null || clock < cleanupAt) {
            return false;
        }
        Long next = null;
        Iterator<Map.Entry<String, Long>> ids = seenIds.iterator();
        List<String> expired = new ArrayList<>();
        Map<String, Long> extended = new HashMap<>();
        while (ids.hasNext()) {
            Map.Entry<String, Long> entry = ids.next();
            long expiry = entry.getValue();
            if (expiry <= clock) {
                expiry = appointmentKeptUntil(entry.getKey(), expiry);
                if (expiry <= clock) {
                    expired.add(entry.getKey());
                    continue;
                }
                extended.put(entry.getKey(), expiry);
            }
            if (next == null || expiry < next) {
                next = expiry;
            }
        }
        seenIds.putAll(extended);
        List<String> expiredRefs = new ArrayList<>();
        for (Map.Entry<String, Long> ref : appointmentExpiry.entries()) {
            if (ref.getValue() <= clock) {
                expiredRefs.add(ref.getKey());
            }
        }
        for (String ref : expiredRefs) {
            appointmentExpiry.remove(ref);
        }
        for (String id : expired) {
            seenIds.remove(id);
            retainedEvents.remove(id);
            openingClasses.remove(id);
        }
        if (!expired.isEmpty()) {
            recomputeAllPending.update(true);
        }
        long windowHorizon = clock - options.allowedLateness().toMillis() - DAY_MARGIN.toMillis();
        List<Long> oldWindows = new ArrayList<>();
        for (Long start : emittedWindows.keys()) {
            if (start < windowHorizon) {
                oldWindows.add(start);
            }
        }
        for (Long start : oldWindows) {
            emittedWindows.remove(start);
        }
        if (next == null) {
            nextCleanup.clear();
        } else {
            nextCleanup.update(next);
        }
        return !expired.isEmpty();
    }

    /** The expiry of a retained appointment action: that of the appointment's longest-kept action. */
    private long appointmentKeptUntil(String id, long expiry) throws Exception {
        SiteInput retained = retainedEvents.get(id);
        if (retained == null || retained.getStream() != SourceStream.APPOINTMENT) {
            return expiry;
        }
        Long ofRef = appointmentExpiry.get(retained.getAppointment().getAppointmentRefPseudonym());
        return ofRef == null ? expiry : Math.max(expiry, ofRef);
    }

    private void noteInputTime(SiteInput input) throws Exception {
        Instant t = input.eventTime() != null ? input.eventTime() : input.receivedTime();
        Long latest = latestInputTime.value();
        if (t != null && (latest == null || t.toEpochMilli() > latest)) {
            latestInputTime.update(t.toEpochMilli());
        }
    }

    /**
     * Writes the totals of every stream seen by this key. Time: the site clock truncated to the
     * minute, or the latest input time when the key has no clock (e.g. {@code _unknown}).
     */
    private void emitAccounting(String site, Collector<InfluxPoint> out) throws Exception {
        Long clock = siteClock();
        Long time = clock != null ? clock : latestInputTime.value();
        if (time == null) {
            return;
        }
        // Never earlier than the last point: before its registry arrives a site has no clock and its
        // points use the latest input time, which may be ahead of the clock it gets later. A point
        // at an earlier time would leave the older totals as the newest point.
        Long last = lastAccountingTime.value();
        if (last != null && last > time) {
            time = last;
        }
        lastAccountingTime.update(time);
        accounting.points(site, time).forEach(out::collect);
        accountingChanged.update(false);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
