package io.dealerpulse.jobs.oracle.score;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.oracle.Arrival;
import io.dealerpulse.jobs.oracle.InputStream;
import io.dealerpulse.jobs.oracle.OracleOptions;
import io.dealerpulse.jobs.oracle.SiteVersions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * Replays the arrivals in order, per site, with the staffing contract's rules: every registry
 * version is known (as in the staffing oracle); undecodable records and unknown sites count in no
 * KPI; the first occurrence of an event id wins; an agent-stream event older than the clock minus
 * the allowed lateness is too late; every other event is used. Agent streams (footfall, kiosk,
 * heartbeats) move the site clock to their latest event time minus the out-of-orderness.
 */
final class ScoreLedger {
    private ScoreLedger() {}

    static Map<String, SiteHistory> replay(List<Arrival> arrivals, OracleOptions options) {
        Map<String, List<SiteRegistryVersion>> versions = new TreeMap<>();
        Set<String> registryIds = new HashSet<>();
        for (Arrival arrival : arrivals) {
            if (arrival.record() instanceof SiteRegistryVersion version && registryIds.add(version.getEventId())) {
                versions.computeIfAbsent(version.getSiteId(), s -> new ArrayList<>()).add(version);
            }
        }
        Map<String, SiteHistory> sites = new TreeMap<>();
        versions.forEach((site, list) -> sites.put(site, new SiteHistory(site, new SiteVersions(list))));

        Map<String, Set<String>> seen = new HashMap<>();
        Map<String, Long> maxAgentMillis = new HashMap<>();
        long seq = 0;
        for (Arrival arrival : arrivals) {
            seq++;
            SpecificRecord event = arrival.record();
            if (event == null || event instanceof SiteRegistryVersion) {
                continue;
            }
            String site = siteOf(event);
            SiteHistory history = sites.get(site);
            if (history == null || !seen.computeIfAbsent(site, s -> new HashSet<>())
                    .add(arrival.stream().tag() + "/" + eventIdOf(event))) {
                continue;
            }
            Instant time = timeOf(event);
            if (arrival.stream().agentStream()) {
                Long max = maxAgentMillis.get(site);
                if (max != null) {
                    long clock = max - options.outOfOrderness().toMillis();
                    if (time.toEpochMilli() < clock - options.allowedLateness().toMillis()) {
                        continue; // too late: counts in no KPI
                    }
                }
                long newMax = max == null ? time.toEpochMilli() : Math.max(max, time.toEpochMilli());
                maxAgentMillis.put(site, newMax);
                history.advanceClock(seq, newMax - options.outOfOrderness().toMillis());
            }
            if (arrival.stream() != InputStream.AGENT_STATUS) {
                history.events.add(new UsedEvent(event, time, seq));
            }
        }
        return sites;
    }

    static String siteOf(SpecificRecord event) {
        if (event instanceof FootfallEvent e) return e.getSiteId();
        if (event instanceof KioskEvent e) return e.getSiteId();
        if (event instanceof AppointmentEvent e) return e.getSiteId();
        if (event instanceof SurveyResponse e) return e.getSiteId();
        if (event instanceof AgentStatus e) return e.getSiteId();
        throw new IllegalArgumentException("unexpected record " + event.getClass());
    }

    static String eventIdOf(SpecificRecord event) {
        if (event instanceof FootfallEvent e) return e.getEventId();
        if (event instanceof KioskEvent e) return e.getEventId();
        if (event instanceof AppointmentEvent e) return e.getEventId();
        if (event instanceof SurveyResponse e) return e.getEventId();
        if (event instanceof AgentStatus e) return e.getEventId();
        throw new IllegalArgumentException("unexpected record " + event.getClass());
    }

    static Instant timeOf(SpecificRecord event) {
        if (event instanceof FootfallEvent e) return e.getEventTime();
        if (event instanceof KioskEvent e) return e.getEventTime();
        if (event instanceof AppointmentEvent e) return e.getEventTime();
        if (event instanceof SurveyResponse e) return e.getEventTime();
        if (event instanceof AgentStatus e) return e.getEventTime();
        throw new IllegalArgumentException("unexpected record " + event.getClass());
    }
}
