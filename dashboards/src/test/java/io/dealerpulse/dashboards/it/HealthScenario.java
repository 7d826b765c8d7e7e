package io.dealerpulse.dashboards.it;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.KioskEventType;
import io.dealerpulse.jobs.oracle.InputStream;
import io.dealerpulse.schemas.EventIds;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.simulator.history.AgentRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What goes wrong in the dashboard run, so the pipeline-health panels and alerts have something to
 * show: applied to the simulator's agent records before they are cut into phases, on sites picked
 * by their sorted ids (deterministic for the seed).
 *
 * <ul>
 *   <li><b>silent agent</b>: the first site's agent sends no heartbeat in ({@link #SILENCE_FROM},
 *       {@link #SILENCE_UNTIL}) (its devices keep counting); its first heartbeat after reports the
 *       outbox it built up;</li>
 *   <li><b>clock offsets</b>: the second and third sites' heartbeats of today carry a measured offset;</li>
 *   <li><b>door-counter fault</b>: the door counter of the site with the most check-ins in
 *       {@link #DOOR_SILENT_FROM}–{@link #DOOR_SILENT_UNTIL} local time yesterday sends nothing then;</li>
 *   <li><b>duplicates</b>: some of yesterday's records of the fourth site are sent twice, right after
 *       the first copy;</li>
 *   <li><b>too-late events</b>: footfall of the first history day of the fifth site, under new event
 *       ids, sent first in today's footfall phase (more than the allowed lateness behind its clock);</li>
 *   <li><b>undecodable records</b> ({@link #undecodable}), sent last: one phase of bytes the job
 *       dead-letters for four different reasons.</li>
 * </ul>
 * Plus every agent's heartbeat at {@link PipelineRun#NOW} ({@link #heartbeatsAtNow}).
 */
final class HealthScenario {
    static final Instant SILENCE_FROM = PipelineRun.NOW.minus(Duration.ofHours(5));
    static final Instant SILENCE_UNTIL = PipelineRun.NOW.minus(Duration.ofHours(3));
    static final long OUTBOX_AFTER_SILENCE = 37;
    static final LocalTime DOOR_SILENT_FROM = LocalTime.of(10, 0);
    static final LocalTime DOOR_SILENT_UNTIL = LocalTime.of(12, 30);
    static final long CLOCK_OFFSET_SECOND_SITE_MS = 1_500;
    static final long CLOCK_OFFSET_THIRD_SITE_MS = -800;
    static final int DUPLICATES_PER_TOPIC = 4;
    static final int TOO_LATE_RECORDS = 5;

    /** A record the job cannot decode, with the stream of its topic and the dead-letter reason it must get. */
    record Undecodable(Topic topic, InputStream stream, String reason, byte[] bytes) {}

    private final List<String> sites;
    private final Map<String, ZoneId> zones;
    private String doorFaultSite;

    HealthScenario(Map<String, ZoneId> zones) {
        this.zones = new TreeMap<>(zones);
        this.sites = List.copyOf(this.zones.keySet());
        if (sites.size() < 5) {
            throw new IllegalArgumentException("the health scenario needs at least 5 sites, got " + sites);
        }
    }

    String silentSite() {
        return sites.get(0);
    }

    String doorFaultSite() {
        return doorFaultSite;
    }

    String duplicateSite() {
        return sites.get(3);
    }

    String tooLateSite() {
        return sites.get(4);
    }

    /** The traffic with the incidents applied, in event-time order (ties keep their order). */
    List<AgentRecord> apply(List<AgentRecord> traffic) {
        doorFaultSite = siteWithMostCheckIns(traffic);
        LocalDate today = LocalDate.ofInstant(PipelineRun.NOW, zones.get(tooLateSite()));
        List<AgentRecord> result = new ArrayList<>();
        List<AgentRecord> tooLate = new ArrayList<>();
        int[] duplicated = new int[Topic.values().length];
        boolean afterSilence = false;
        for (AgentRecord r : traffic) {
            if (r.value() instanceof AgentStatus beat) {
                if (r.key().equals(silentSite()) && r.eventTime().isAfter(SILENCE_FROM) && r.eventTime().isBefore(SILENCE_UNTIL)) {
                    continue;
                }
                if (r.key().equals(silentSite()) && !afterSilence && !r.eventTime().isBefore(SILENCE_UNTIL)) {
                    afterSilence = true;
                    r = with(r, AgentStatus.newBuilder(beat).setOutboxDepth(OUTBOX_AFTER_SILENCE)
                            .setOldestPendingAgeMs(Duration.between(SILENCE_FROM, SILENCE_UNTIL).toMillis()).build());
                } else if (isToday(r) && r.key().equals(sites.get(1))) {
                    r = with(r, AgentStatus.newBuilder(beat).setClockOffsetMs(CLOCK_OFFSET_SECOND_SITE_MS).build());
                } else if (isToday(r) && r.key().equals(sites.get(2))) {
                    r = with(r, AgentStatus.newBuilder(beat).setClockOffsetMs(CLOCK_OFFSET_THIRD_SITE_MS).build());
                }
            }
            if (r.value() instanceof FootfallEvent && r.key().equals(doorFaultSite) && inDoorSilence(r)) {
                continue;
            }
            if (r.value() instanceof FootfallEvent f && r.key().equals(tooLateSite()) && tooLate.size() < TOO_LATE_RECORDS
                    && localDate(r).equals(today.minusDays(PipelineRun.HISTORY_DAYS))) {
                FootfallEvent replay = FootfallEvent.newBuilder(f).setEventId(f.getEventId() + "-replayed").build();
                // placed at today's local midnight: sent first in today's footfall phase
                tooLate.add(new AgentRecord(r.topic(), r.key(), replay, today.atStartOfDay(zones.get(r.key())).toInstant()));
            }
            result.add(r);
            if (r.key().equals(duplicateSite()) && localDate(r).equals(today.minusDays(1))
                    && duplicated[r.topic().ordinal()] < DUPLICATES_PER_TOPIC) {
                duplicated[r.topic().ordinal()]++;
                result.add(r);
            }
        }
        result.addAll(tooLate);
        result.addAll(heartbeatsAtNow(result));
        result.sort(Comparator.comparing(AgentRecord::eventTime)); // stable
        return result;
    }

    /**
     * Every agent's heartbeat at {@link PipelineRun#NOW} (the simulator's history ends just before it).
     * Read last, after today's kiosk records, it moves every site clock to NOW minus the
     * out-of-orderness, so each site reaches one more minute with all its records known: the live
     * score sent to the leaderboard at that minute carries the latest window as finally written (a
     * minute reached during the footfall phase would carry the window before its kiosk records).
     */
    private static List<AgentRecord> heartbeatsAtNow(List<AgentRecord> traffic) {
        Map<String, AgentRecord> last = new TreeMap<>();
        traffic.stream().filter(r -> r.value() instanceof AgentStatus).forEach(r -> last.merge(r.key(), r,
                (a, b) -> b.eventTime().isBefore(a.eventTime()) ? a : b));
        List<AgentRecord> beats = new ArrayList<>();
        last.forEach((site, r) -> {
            AgentStatus previous = (AgentStatus) r.value();
            long sequence = previous.getSequence() + 1;
            beats.add(new AgentRecord(Topic.AGENT_STATUS, site, AgentStatus.newBuilder(previous)
                    .setEventId(EventIds.of(site, previous.getDeviceId(), previous.getStartedAt().toEpochMilli(), sequence))
                    .setSequence(sequence).setEventTime(PipelineRun.NOW).setReceivedTime(PipelineRun.NOW)
                    .setOutboxDepth(0).setOldestPendingAgeMs(0).build(), PipelineRun.NOW));
        });
        return beats;
    }

    /** Bytes the job dead-letters, for four reasons, on three streams. */
    List<Undecodable> undecodable(KioskEvent sample) {
        AvroCodec codec = AvroCodec.released();
        byte[] kiosk = codec.encode(sample);
        byte[] unknownFingerprint = kiosk.clone();
        for (int i = 2; i < 10; i++) {
            unknownFingerprint[i] = (byte) ~unknownFingerprint[i];
        }
        byte[] garbage = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);
        return List.of(
                new Undecodable(Topic.FOOTFALL, InputStream.FOOTFALL, "NOT_SINGLE_OBJECT", garbage),
                new Undecodable(Topic.FOOTFALL, InputStream.FOOTFALL, "NOT_SINGLE_OBJECT", garbage),
                new Undecodable(Topic.FOOTFALL, InputStream.FOOTFALL, "UNEXPECTED_TYPE", kiosk),
                new Undecodable(Topic.KIOSK, InputStream.KIOSK, "CORRUPT_AVRO", Arrays.copyOf(kiosk, 14)),
                new Undecodable(Topic.KIOSK, InputStream.KIOSK, "CORRUPT_AVRO", Arrays.copyOf(kiosk, 16)),
                new Undecodable(Topic.AGENT_STATUS, InputStream.AGENT_STATUS, "UNKNOWN_SCHEMA", unknownFingerprint));
    }

    private String siteWithMostCheckIns(List<AgentRecord> traffic) {
        Map<String, Integer> checkIns = new TreeMap<>();
        for (AgentRecord r : traffic) {
            if (r.value() instanceof KioskEvent k && k.getType() == KioskEventType.CHECK_IN && inDoorSilence(r)
                    && sites.indexOf(r.key()) >= 5) {
                checkIns.merge(r.key(), 1, Integer::sum);
            }
        }
        return checkIns.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("no site has check-ins yesterday between " + DOOR_SILENT_FROM
                        + " and " + DOOR_SILENT_UNTIL + ": the door-counter fault needs some"));
    }

    /** Yesterday (site-local), between the door-silence times. */
    private boolean inDoorSilence(AgentRecord r) {
        ZoneId zone = zones.get(r.key());
        LocalDate yesterday = LocalDate.ofInstant(PipelineRun.NOW, zone).minusDays(1);
        LocalTime local = LocalTime.ofInstant(r.eventTime(), zone);
        return localDate(r).equals(yesterday) && !local.isBefore(DOOR_SILENT_FROM) && local.isBefore(DOOR_SILENT_UNTIL);
    }

    private boolean isToday(AgentRecord r) {
        return localDate(r).equals(LocalDate.ofInstant(PipelineRun.NOW, zones.get(r.key())));
    }

    private LocalDate localDate(AgentRecord r) {
        return LocalDate.ofInstant(r.eventTime(), zones.get(r.key()));
    }

    private static AgentRecord with(AgentRecord r, AgentStatus beat) {
        return new AgentRecord(r.topic(), r.key(), beat, r.eventTime());
    }
}
