package io.dealerpulse.jobs.it.score;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.jobs.scenario.network.PhasedPublication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The network scenario's phases (see {@link PhasedPublication}) with one site's agent offline over [{@code from}, {@code until}):
 * its agent records of the phases in that span are held back while the other sites go on, and
 * published after the span, each held part as its own phase, in the original order — what a site
 * whose internet was down sends when it returns (its outbox, oldest first).
 *
 * <p>The offline site's own sequence of phases is unchanged (only other sites' phases come in
 * between), so the minutes {@link PhasedPublication#settled settled} in the original publication
 * are settled here too.
 */
final class OfflineSitePhases {
    private final List<List<Send>> phases = new ArrayList<>();
    private final int lastOfflinePhase;
    private final long held;

    OfflineSitePhases(List<List<Send>> original, String site, Instant from, Instant until) {
        List<List<Send>> heldParts = new ArrayList<>();
        int lastOffline = -1;
        boolean caughtUp = false;
        for (List<Send> phase : original) {
            Instant first = firstAgentTime(phase);
            boolean inSpan = first != null && !first.isBefore(from) && first.isBefore(until);
            if (!inSpan && !heldParts.isEmpty() && !caughtUp) {
                lastOffline = phases.size() - 1;
                heldParts.stream().filter(part -> !part.isEmpty()).forEach(phases::add);
                caughtUp = true;
            }
            if (inSpan) {
                heldParts.add(phase.stream().filter(s -> isAgentRecordOf(s, site)).toList());
                phases.add(phase.stream().filter(s -> !isAgentRecordOf(s, site)).toList());
            } else {
                phases.add(phase);
            }
        }
        if (heldParts.isEmpty() || !caughtUp) {
            throw new IllegalArgumentException("no phase starts in [" + from + ", " + until + ") with records after it");
        }
        this.lastOfflinePhase = lastOffline;
        this.held = heldParts.stream().mapToLong(List::size).sum();
    }

    List<List<Send>> phases() {
        return phases;
    }

    /** Index of the last phase published while the site is offline (the catch-up follows it). */
    int lastOfflinePhase() {
        return lastOfflinePhase;
    }

    /** Number of the site's records held back. */
    long held() {
        return held;
    }

    /** Every record in publish order, for the oracle. */
    List<Arrival> arrivals() {
        return phases.stream().flatMap(List::stream).map(Send::arrival).toList();
    }

    private static boolean isAgentRecordOf(Send send, String site) {
        return agentTime(send) != null && send.key().equals(site);
    }

    static Instant firstAgentTime(List<Send> phase) {
        return phase.stream().map(OfflineSitePhases::agentTime).filter(t -> t != null).min(Instant::compareTo).orElse(null);
    }

    private static Instant agentTime(Send send) {
        if (send.record() instanceof FootfallEvent e) return e.getEventTime();
        if (send.record() instanceof KioskEvent e) return e.getEventTime();
        if (send.record() instanceof AgentStatus e) return e.getEventTime();
        return null;
    }
}
