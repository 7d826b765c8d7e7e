package io.dealerpulse.jobs.scenario.network;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.jobs.oracle.OracleOptions;
import io.dealerpulse.jobs.scenario.Send;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The network scenario cut into phases that the IT publishes one at a time, waiting until the job
 * has read each before publishing the next.
 *
 * <p>Why: a live minute point is written when its site's clock reaches T, from the events that
 * have arrived by then. The job reads the footfall, kiosk and heartbeat topics independently, so
 * inside one batch of records which of them arrives first is not fixed — and neither is a minute
 * point whose events are in the same batch as the event that moves the clock past it. Between
 * phases the order is fixed. Phase 0 holds the importers (registry, appointments, surveys: never
 * late, applied by event time); phase 1 each agent's first heartbeat (so every clock starts at a
 * fixed instant); then the agent records by event time between the scenario's cuts.
 *
 * <p>{@link #settled} says which minutes cannot depend on the interleaving inside a phase: those
 * passed in a phase that holds no footfall or kiosk event of the site with event time ≤ T. Every
 * night minute is settled (the morning's events come after it), and the minutes just before each
 * daytime cut. The IT compares every settled minute with the oracle, field by field, and checks
 * that every other minute point exists.
 */
public final class PhasedPublication {
    private final List<List<Send>> phases;
    private final Map<String, long[]> clockAfterPhase = new HashMap<>();
    private final Map<String, long[]> firstScoringEventOfPhase = new HashMap<>();

    private PhasedPublication(List<List<Send>> phases) {
        this.phases = List.copyOf(phases);
        long outOfOrderness = OracleOptions.DEFAULTS.outOfOrderness().toMillis();
        Map<String, Long> max = new HashMap<>();
        for (int j = 0; j < phases.size(); j++) {
            for (Send send : phases.get(j)) {
                Instant time = agentTime(send);
                if (time == null) {
                    continue;
                }
                String site = send.key();
                max.merge(site, time.toEpochMilli(), Math::max);
                if (!(send.record() instanceof AgentStatus)) {
                    long[] first = firstScoringEventOfPhase.computeIfAbsent(site, s -> filled(phases.size(), Long.MAX_VALUE));
                    first[j] = Math.min(first[j], time.toEpochMilli());
                }
            }
            for (Map.Entry<String, Long> site : max.entrySet()) {
                clockAfterPhase.computeIfAbsent(site.getKey(), s -> filled(phases.size(), Long.MIN_VALUE))[j] =
                        site.getValue() - outOfOrderness;
            }
        }
    }

    static PhasedPublication of(NetworkScenario scenario, List<Instant> cuts) {
        List<List<Send>> phases = new ArrayList<>();
        phases.add(scenario.importerSends());
        List<Send> bootstrap = new ArrayList<>();
        Set<String> started = new HashSet<>();
        List<Send> rest = new ArrayList<>();
        for (Send send : scenario.agentSends()) {
            if (started.add(send.key())) {
                bootstrap.add(send);
            } else {
                rest.add(send);
            }
        }
        phases.add(bootstrap);
        List<List<Send>> byCut = new ArrayList<>();
        for (int i = 0; i <= cuts.size(); i++) {
            byCut.add(new ArrayList<>());
        }
        for (Send send : rest) {
            Instant time = agentTime(send);
            int bucket = 0;
            while (bucket < cuts.size() && !time.isBefore(cuts.get(bucket))) {
                bucket++;
            }
            byCut.get(bucket).add(send);
        }
        byCut.stream().filter(p -> !p.isEmpty()).forEach(phases::add);
        return new PhasedPublication(phases);
    }

    public List<List<Send>> phases() {
        return phases;
    }

    /** Every record in publish order: how the job sees them (per site). */
    public List<Arrival> arrivals() {
        return phases.stream().flatMap(List::stream).map(Send::arrival).toList();
    }

    /** Whether the site's minute point at T is the same whatever the interleaving inside each phase. */
    public boolean settled(String site, Instant t) {
        long[] clocks = clockAfterPhase.get(site);
        long millis = t.toEpochMilli();
        for (int j = 0; j < clocks.length; j++) {
            if (clocks[j] >= millis) {
                long[] first = firstScoringEventOfPhase.get(site);
                return first == null || first[j] > millis;
            }
        }
        return false; // never passed
    }

    private static Instant agentTime(Send send) {
        if (send.record() instanceof FootfallEvent e) return e.getEventTime();
        if (send.record() instanceof KioskEvent e) return e.getEventTime();
        if (send.record() instanceof AgentStatus e) return e.getEventTime();
        return null;
    }

    private static long[] filled(int size, long value) {
        long[] array = new long[size];
        java.util.Arrays.fill(array, value);
        return array;
    }
}
