package io.dealerpulse.jobs.score;

import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.jobs.kpi.AppointmentAction;
import io.dealerpulse.jobs.kpi.CheckIn;
import io.dealerpulse.jobs.kpi.DutyEvent;
import io.dealerpulse.jobs.kpi.Entry;
import io.dealerpulse.jobs.kpi.RegistryHistory;
import io.dealerpulse.jobs.kpi.Served;
import io.dealerpulse.jobs.kpi.SiteActivity;
import io.dealerpulse.jobs.pipeline.SiteInput;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link SiteScoreFunction} keeps in state for one site, as records in memory: the registry,
 * the accepted inputs (for the full computation of closed days) and their {@link LiveScorer} index,
 * and the daily history. Built from the function's state and then kept in step with it: every input
 * the function puts into state is {@link #add added} here too, every daily score it stores is put into
 * {@link #history()}; a change that is not a plain addition (a registry version, an input whose id
 * is already kept, a cleanup) makes the function drop this copy and build it again from state.
 */
final class SiteEvidence implements ScoreRecords.Sink {
    private final RegistryHistory registry;
    private final SiteActivity activity = new SiteActivity();
    private final List<SurveyAnswer> surveys = new ArrayList<>();
    private final List<FeedbackPress> feedback = new ArrayList<>();
    private final Map<String, List<AppointmentAction>> actionsByRef = new HashMap<>();
    private final Set<String> eventIds = new HashSet<>();
    private final DailyHistory history;
    private final Optional<LiveScorer> live;

    private SiteEvidence(RegistryHistory registry, DailyHistory history, Optional<LiveScorer> live) {
        this.registry = registry;
        this.history = history;
        this.live = live;
    }

    /** The evidence of the given state contents. */
    static SiteEvidence of(ScoreOptions options, Collection<SiteRegistryVersion> versions, Iterable<SiteInput> inputs,
            DailyHistory history) {
        RegistryHistory registry = new RegistryHistory(versions);
        Optional<LiveScorer> live = LiveScorer.of(options, versions, registry);
        SiteEvidence evidence = new SiteEvidence(registry, history, live);
        for (SiteInput input : inputs) {
            if (!evidence.add(input)) {
                throw new IllegalStateException("score state holds event id " + input.eventId() + " twice");
            }
        }
        return evidence;
    }

    /** Adds an input the function put into state; false when its id was already kept (then rebuild from state). */
    boolean add(SiteInput input) {
        if (!eventIds.add(input.eventId())) {
            return false;
        }
        ScoreRecords.addTo(this, input);
        return true;
    }

    RegistryHistory registry() {
        return registry;
    }

    SiteActivity activity() {
        return activity;
    }

    List<SurveyAnswer> surveys() {
        return surveys;
    }

    List<FeedbackPress> feedback() {
        return feedback;
    }

    DailyHistory history() {
        return history;
    }

    /** The incremental scorer, empty when the registry is empty or changes zone (use the full computation). */
    Optional<LiveScorer> live() {
        return live;
    }

    /** Every kept action of one appointment. */
    List<AppointmentAction> actionsOf(String ref) {
        return actionsByRef.getOrDefault(ref, List.of());
    }

    @Override
    public void add(Entry entry) {
        activity.add(entry);
        live.ifPresent(l -> l.add(entry));
    }

    @Override
    public void add(DutyEvent event) {
        activity.add(event);
        live.ifPresent(l -> l.add(event));
    }

    @Override
    public void add(CheckIn checkIn) {
        activity.add(checkIn);
        live.ifPresent(l -> l.add(checkIn));
    }

    @Override
    public void add(Served served) {
        activity.add(served);
        live.ifPresent(l -> l.add(served));
    }

    @Override
    public void add(AppointmentAction action) {
        activity.add(action);
        actionsByRef.computeIfAbsent(action.ref(), r -> new ArrayList<>()).add(action);
        live.ifPresent(l -> l.add(action));
    }

    @Override
    public void add(SurveyAnswer answer) {
        surveys.add(answer);
        live.ifPresent(l -> l.add(answer));
    }

    @Override
    public void add(FeedbackPress press) {
        feedback.add(press);
        live.ifPresent(l -> l.add(press));
    }
}
