package io.dealerpulse.jobs.oracle;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyResponse;
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
 * Replays the arrivals in order, one site clock per site, and decides for each record its
 * accounting bucket and whether it reaches the KPI state ("usable"). Checks, in this order:
 * undecodable → dead-lettered; unknown site (no registry version at all) → dead-lettered; event id
 * already seen at the site → duplicate; agent-stream event older than the clock minus the allowed
 * lateness → too late (not used); footfall/kiosk in a slot that is not open → outside opening hours
 * (still used: a sign-on before opening puts the advisor on duty at opening); older than the clock →
 * corrected late; otherwise aggregated. Appointments, surveys and registry versions are never late;
 * an appointment action whose scheduled time (after the action) is in a slot that is not open is
 * outside opening hours: DESIGN.md applies an appointment action to "the windows and day of its
 * (current) scheduled time", so such an action lands in no open window (the contract names only
 * footfall and kiosk for this bucket; this is our reading of DESIGN.md for appointments). Afterwards, a used footfall/kiosk event whose window has not
 * closed on the final clock is pending.
 */
final class ArrivalLedger {
    static final String UNKNOWN_SITE = "_unknown";

    private final OracleOptions options;
    private final Map<String, SiteVersions> registry;
    private final Map<String, Long> maxAgentMillis = new HashMap<>();
    private final Map<String, Set<String>> seenIds = new HashMap<>();
    private final List<String[]> bucketedKeys = new ArrayList<>(); // stream, site
    private final List<Bucket> buckets = new ArrayList<>();
    private final List<SpecificRecord> bucketedRecords = new ArrayList<>();
    private final Map<String, List<SpecificRecord>> usableBySite = new HashMap<>();

    ArrivalLedger(OracleOptions options, Map<String, SiteVersions> registry) {
        this.options = options;
        this.registry = registry;
    }

    void replay(List<Arrival> arrivals) {
        for (Arrival arrival : arrivals) {
            if (!arrival.decodable()) {
                record(arrival.stream(), UNKNOWN_SITE, Bucket.DEAD_LETTERED, null);
                continue;
            }
            SpecificRecord event = arrival.record();
            String site = siteOf(event);
            if (arrival.stream() != InputStream.REGISTRY && !registry.containsKey(site)) {
                record(arrival.stream(), site, Bucket.DEAD_LETTERED, null);
                continue;
            }
            if (!seenIds.computeIfAbsent(site, s -> new HashSet<>()).add(arrival.stream().tag() + "/" + eventIdOf(event))) {
                record(arrival.stream(), site, Bucket.DUPLICATE, null);
                continue;
            }
            if (!arrival.stream().agentStream()) {
                boolean closedSlot = event instanceof AppointmentEvent appointment
                        && !inOpenSlot(site, appointment.getScheduledTime());
                record(arrival.stream(), site, closedSlot ? Bucket.OUTSIDE_OPENING_HOURS : Bucket.AGGREGATED, null);
                usableBySite.computeIfAbsent(site, s -> new ArrayList<>()).add(event);
                continue;
            }
            long time = eventTimeOf(event).toEpochMilli();
            Long max = maxAgentMillis.get(site);
            boolean late = false;
            if (max != null) {
                long clock = max - options.outOfOrderness().toMillis();
                if (time < clock - options.allowedLateness().toMillis()) {
                    record(arrival.stream(), site, Bucket.TOO_LATE, null);
                    continue;
                }
                late = time < clock;
            }
            maxAgentMillis.merge(site, time, Math::max);
            usableBySite.computeIfAbsent(site, s -> new ArrayList<>()).add(event);
            if (arrival.stream() != InputStream.AGENT_STATUS && !inOpenSlot(site, Instant.ofEpochMilli(time))) {
                record(arrival.stream(), site, Bucket.OUTSIDE_OPENING_HOURS, null);
            } else {
                record(arrival.stream(), site, late ? Bucket.CORRECTED_LATE : Bucket.AGGREGATED,
                        arrival.stream() == InputStream.AGENT_STATUS ? null : event);
            }
        }
    }

    /** Final site clock: latest agent event time minus the out-of-orderness. */
    Map<String, Instant> siteClocks() {
        Map<String, Instant> clocks = new TreeMap<>();
        maxAgentMillis.forEach((site, max) ->
                clocks.put(site, Instant.ofEpochMilli(max - options.outOfOrderness().toMillis())));
        return clocks;
    }

    List<SpecificRecord> usableEvents(String site) {
        return usableBySite.getOrDefault(site, List.of());
    }

    Map<String, Map<String, AccountingTotals>> accounting() {
        Map<String, Instant> clocks = siteClocks();
        Map<String, Map<String, AccountingTotals>> totals = new TreeMap<>();
        for (int i = 0; i < buckets.size(); i++) {
            String stream = bucketedKeys.get(i)[0];
            String site = bucketedKeys.get(i)[1];
            Bucket bucket = buckets.get(i);
            SpecificRecord event = bucketedRecords.get(i);
            if (event != null && !windowClosed(site, eventTimeOf(event), clocks.get(site))) {
                bucket = Bucket.PENDING;
            }
            totals.computeIfAbsent(stream, s -> new TreeMap<>()).computeIfAbsent(site, s -> new AccountingTotals())
                    .add(bucket);
        }
        return totals;
    }

    private void record(InputStream stream, String site, Bucket bucket, SpecificRecord windowEvent) {
        bucketedKeys.add(new String[] {stream.tag(), site});
        buckets.add(bucket);
        bucketedRecords.add(windowEvent);
    }

    private boolean inOpenSlot(String site, Instant time) {
        SiteVersions versions = registry.get(site);
        SiteRegistryVersion atTime = versions.inForceAt(time);
        if (atTime == null) {
            return false;
        }
        Instant slot = SiteVersions.slotContaining(time, SiteVersions.zone(atTime));
        SiteRegistryVersion atSlot = versions.inForceAt(slot);
        return atSlot != null && SiteVersions.isOpen(atSlot, slot);
    }

    private boolean windowClosed(String site, Instant time, Instant clock) {
        SiteRegistryVersion version = registry.get(site).inForceAt(time);
        Instant slotEnd = SiteVersions.slotContaining(time, SiteVersions.zone(version)).plus(SiteVersions.SLOT);
        return clock != null && !clock.isBefore(slotEnd);
    }

    static String siteOf(SpecificRecord event) {
        if (event instanceof FootfallEvent e) return e.getSiteId();
        if (event instanceof KioskEvent e) return e.getSiteId();
        if (event instanceof AppointmentEvent e) return e.getSiteId();
        if (event instanceof SurveyResponse e) return e.getSiteId();
        if (event instanceof SiteRegistryVersion e) return e.getSiteId();
        if (event instanceof AgentStatus e) return e.getSiteId();
        throw new IllegalArgumentException("unexpected record " + event.getClass());
    }

    static String eventIdOf(SpecificRecord event) {
        if (event instanceof FootfallEvent e) return e.getEventId();
        if (event instanceof KioskEvent e) return e.getEventId();
        if (event instanceof AppointmentEvent e) return e.getEventId();
        if (event instanceof SurveyResponse e) return e.getEventId();
        if (event instanceof SiteRegistryVersion e) return e.getEventId();
        if (event instanceof AgentStatus e) return e.getEventId();
        throw new IllegalArgumentException("unexpected record " + event.getClass());
    }

    static Instant eventTimeOf(SpecificRecord event) {
        if (event instanceof FootfallEvent e) return e.getEventTime();
        if (event instanceof KioskEvent e) return e.getEventTime();
        if (event instanceof AppointmentEvent e) return e.getEventTime();
        if (event instanceof SurveyResponse e) return e.getEventTime();
        if (event instanceof SiteRegistryVersion e) return e.getEventTime();
        if (event instanceof AgentStatus e) return e.getEventTime();
        throw new IllegalArgumentException("unexpected record " + event.getClass());
    }
}
