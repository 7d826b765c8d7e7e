package io.dealerpulse.jobs.it.health;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.Direction;
import io.dealerpulse.jobs.scenario.RegistryVersions;
import io.dealerpulse.jobs.scenario.Send;
import io.dealerpulse.jobs.scenario.SiteRecords;
import io.dealerpulse.schemas.serde.AvroCodec;
import io.dealerpulse.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A small network for the group-isolation and pipeline-health ITs, one morning (Monday 2026-06-15,
 * Europe/Paris, open 09:00-12:00): {@link #NORD_A} and {@link #NORD_SILENT} belong to investor group
 * {@link #NORD}, {@link #SUD_B} to {@link #SUD}, {@link #INDEPENDENT} to none.
 *
 * <ul>
 *   <li>every site: a registry version effective at local midnight, reception-door entries in every
 *       quarter-hour (generic counter), one check-in per quarter-hour, heartbeats every 15 min from
 *       08:45 to 12:15 with varying outbox figures (clock offset measured from the third on);</li>
 *   <li>{@link #NORD_SILENT}'s door counter sends nothing from {@link #SILENCE_START} to
 *       {@link #SILENCE_END} (6 windows) while its kiosk keeps checking customers in;</li>
 *   <li>{@link #GHOST}, a site no registry knows, sends two check-ins (dead-lettered UNKNOWN_SITE after
 *       the hold); two truncated footfall records (CORRUPT_AVRO) and one non-Avro kiosk record
 *       (NOT_SINGLE_OBJECT).</li>
 * </ul>
 */
final class SmallNetwork {
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    static final String NORD = "groupe-nord";
    static final String SUD = "Groupe Sud";
    static final String NORD_A = "fr-nord-a";
    static final String NORD_SILENT = "fr-nord-silent";
    static final String SUD_B = "fr-sud-b";
    static final String INDEPENDENT = "fr-indep-c";
    static final String GHOST = "fr-ghost-z";
    static final List<String> SITES = List.of(NORD_A, NORD_SILENT, SUD_B, INDEPENDENT);
    static final LocalTime OPEN = LocalTime.of(9, 0);
    static final LocalTime CLOSE = LocalTime.of(12, 0);
    static final LocalTime SILENCE_START = LocalTime.of(9, 0);
    static final LocalTime SILENCE_END = LocalTime.of(10, 30);
    static final Duration QUARTER = Duration.ofMinutes(15);
    static final String DOOR = "door-1";

    private final List<Send> sends = new ArrayList<>();
    private final List<AgentStatus> heartbeats = new ArrayList<>();

    static Instant at(LocalTime time) {
        return DAY.atTime(time).atZone(ZONE).toInstant();
    }

    static SmallNetwork build() {
        SmallNetwork network = new SmallNetwork();
        network.site(NORD_A, NORD, 3);
        network.site(NORD_SILENT, NORD, 2);
        network.site(SUD_B, SUD, 4);
        network.site(INDEPENDENT, null, 1);
        network.faults();
        return network;
    }

    private void site(String id, String group, int entriesPerQuarter) {
        Instant midnight = DAY.atStartOfDay(ZONE).toInstant();
        RegistryVersions registry = RegistryVersions.site(id, ZONE.getId()).everyDay("09:00-12:00");
        if (group != null) {
            registry.investorGroup(group);
        }
        sends.add(Send.of(Topic.SITE_REGISTRY, Topic.registryKey(id, midnight.toEpochMilli()),
                registry.effectiveFrom(midnight), midnight));
        SiteRecords records = new SiteRecords(id);
        Instant agentStart = at(LocalTime.of(8, 0));
        long sequence = 0;
        for (LocalTime t = LocalTime.of(8, 45); !t.isAfter(LocalTime.of(12, 15)); t = t.plus(QUARTER)) {
            Instant time = at(t);
            sequence++;
            AgentStatus heartbeat = AgentStatus.newBuilder(records.heartbeat(agentStart, sequence, time))
                    .setOutboxDepth(sequence * 3)
                    .setOldestPendingAgeMs(sequence * 1000)
                    .setClockOffsetMs(sequence >= 3 ? -40L * sequence : null)
                    .setAgentVersion("1.4." + (sequence >= 10 ? 1 : 0))
                    .setRejects(sequence >= 5 ? Map.of("MALFORMED_JSON", 2L, "UNKNOWN_DEVICE", 1L) : Map.of())
                    .build();
            heartbeats.add(heartbeat);
            if (!t.isBefore(OPEN) && t.isBefore(CLOSE)) {
                boolean silent = id.equals(NORD_SILENT) && !t.isBefore(SILENCE_START) && t.isBefore(SILENCE_END);
                if (!silent) {
                    sends.add(Send.of(Topic.FOOTFALL, id, records.footfall(DOOR, "line-1", true, Direction.IN,
                            entriesPerQuarter, time, QUARTER), time.plus(QUARTER)));
                }
                Instant checkIn = time.plus(Duration.ofMinutes(5));
                sends.add(Send.of(Topic.KIOSK, id, records.checkIn("m-" + t, "v-" + t, null, checkIn), checkIn));
            }
            sends.add(Send.of(Topic.AGENT_STATUS, id, heartbeat, time));
        }
    }

    private void faults() {
        AvroCodec codec = AvroCodec.released();
        Send footfall = sends.stream().filter(s -> s.topic() == Topic.FOOTFALL).findFirst().orElseThrow();
        byte[] full = footfall.value(codec);
        Instant when = at(LocalTime.of(11, 0));
        sends.add(Send.corrupt(Topic.FOOTFALL, footfall.key(), Arrays.copyOf(full, full.length - 3), when));
        sends.add(Send.corrupt(Topic.FOOTFALL, footfall.key(), Arrays.copyOf(full, full.length - 5), when));
        sends.add(Send.corrupt(Topic.KIOSK, NORD_A, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8), when));
        SiteRecords ghost = new SiteRecords(GHOST);
        sends.add(Send.of(Topic.KIOSK, GHOST, ghost.checkIn("g-1", "gv-1", null, when), when));
        sends.add(Send.of(Topic.KIOSK, GHOST, ghost.checkIn("g-2", "gv-2", null, when.plusSeconds(60)), when));
    }

    /** Every record. */
    List<Send> sends() {
        return List.copyOf(sends);
    }

    /** The registry versions, published (and read) first: the ITs hold unknown sites for 1 s only. */
    List<Send> registry() {
        return sends.stream().filter(s -> s.topic() == Topic.SITE_REGISTRY).toList();
    }

    /** Everything but the registry versions. */
    List<Send> events() {
        return sends.stream().filter(s -> s.topic() != Topic.SITE_REGISTRY).toList();
    }

    /**
     * Publishes the registry, waits until the job has read every version (its accounting), then the
     * rest: a site's events read before its registry would be held for the short unknown-site hold
     * and dead-lettered.
     */
    void publish(io.dealerpulse.jobs.it.score.ScoreTopics topics, io.dealerpulse.testkit.InfluxEndpoint influx,
            String database) throws InterruptedException {
        topics.publish(registry());
        Eventually.noProblems("the registry versions read by the job", Duration.ofSeconds(60), () -> {
            try {
                long read = io.dealerpulse.jobs.it.InfluxJson.series(influx, database,
                        "SELECT last(received) FROM stream_accounting WHERE \"stream\" = 'registry' GROUP BY site")
                        .size();
                return read == SITES.size() ? List.of() : List.of(read + " of " + SITES.size() + " sites' registry read");
            } catch (IllegalStateException e) {
                return List.of(e.getMessage());
            }
        });
        topics.publish(events());
    }

    List<AgentStatus> heartbeats() {
        return List.copyOf(heartbeats);
    }
}
