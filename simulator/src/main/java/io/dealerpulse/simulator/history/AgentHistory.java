package io.dealerpulse.simulator.history;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.CounterFormat;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.KioskEventType;
import io.dealerpulse.schemas.EventIds;
import io.dealerpulse.schemas.Pseudonyms;
import io.dealerpulse.schemas.topics.Topic;
import io.dealerpulse.simulator.device.AxisCrossline;
import io.dealerpulse.simulator.device.MilesightReport;
import io.dealerpulse.simulator.device.SiteDevices;
import io.dealerpulse.simulator.network.SiteProfile;
import io.dealerpulse.simulator.scenario.KioskAction;
import io.dealerpulse.simulator.scenario.SiteDay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A site's past traffic as the Kafka records its edge agent would have sent: footfall deltas, kiosk
 * events (pseudonymised with the same keys as the agent) and heartbeats, with the agent's own
 * event-id formulas (docs/edge-agent.md "Event ids"), so a back-fill and a live run of the same day
 * give the same ids.
 *
 * <p>Why not replay history through the devices and the agent with a shifted clock: the agent would
 * rightly reject device times days behind its clock, and a back-fill is what a network does with an
 * export anyway. The AXIS cumulative totals are turned into deltas here the way the agent does it
 * (first reading of a scenario = baseline, a newer startTime = reset counting the new total).
 * Unreadable kiosk messages are left out: the agent would dead-letter them.
 */
public final class AgentHistory {
    /** How often the simulated agent's heartbeat advanced the site clock. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofMinutes(15);
    private static final Duration RECEIVE_DELAY = Duration.ofMillis(800);

    private final SiteProfile site;
    private final SiteDevices devices;
    private final Pseudonyms badges;
    private final Pseudonyms references;
    private final Map<String, AxisCrossline> lastAxis = new HashMap<>();
    private final Instant agentStarted;
    private long heartbeatSequence;

    /**
     * @param siteKey the site's badge key, as the agent's {@code privacy.site-key}
     * @param networkKey the network key, as the agent's {@code privacy.network-key}
     * @param agentStarted the simulated agent's start (part of heartbeat ids)
     */
    public AgentHistory(SiteProfile site, SiteDevices devices, String siteKey, String networkKey, Instant agentStarted) {
        this.site = site;
        this.devices = devices;
        this.badges = new Pseudonyms(siteKey.strip().getBytes(StandardCharsets.UTF_8));
        this.references = new Pseudonyms(networkKey.strip().getBytes(StandardCharsets.UTF_8));
        this.agentStarted = agentStarted;
    }

    /** The records of one day with event time in [from, until), in event-time order. Feed days in order. */
    public List<AgentRecord> records(SiteDay day, Instant from, Instant until) {
        List<AgentRecord> records = new ArrayList<>();
        if (devices.axis() != null) {
            for (AxisCrossline reading : devices.axis().readings(day)) {
                FootfallEvent event = axisDelta(reading);
                if (event != null && within(reading.time(), from, until)) {
                    records.add(new AgentRecord(Topic.FOOTFALL, site.id(), event, reading.time()));
                }
            }
        } else {
            for (MilesightReport report : devices.milesight().reports(day)) {
                if (within(report.start(), from, until)) {
                    milesight(report, Direction.IN, report.in(), records);
                    milesight(report, Direction.OUT, report.out(), records);
                }
            }
        }
        for (KioskAction action : day.kiosk()) {
            if (within(action.time(), from, until)) {
                records.add(new AgentRecord(Topic.KIOSK, site.id(), kiosk(action), action.time()));
            }
        }
        Instant dayStart = day.date().atStartOfDay(site.zone()).toInstant();
        Instant dayEnd = day.date().plusDays(1).atStartOfDay(site.zone()).toInstant();
        for (Instant t = dayStart; t.isBefore(dayEnd); t = t.plus(HEARTBEAT_INTERVAL)) {
            if (within(t, from, until)) {
                records.add(new AgentRecord(Topic.AGENT_STATUS, site.id(), heartbeat(t), t));
            }
        }
        records.sort(Comparator.comparing(AgentRecord::eventTime));
        return records;
    }

    private static boolean within(Instant t, Instant from, Instant until) {
        return !t.isBefore(from) && t.isBefore(until);
    }

    private FootfallEvent axisDelta(AxisCrossline reading) {
        AxisCrossline last = lastAxis.put(reading.scenario(), reading);
        long delta;
        boolean reset = false;
        if (last == null) {
            return null; // first sight: a baseline, nothing counted
        } else if (reading.startTime().isAfter(last.startTime())) {
            delta = reading.totalHuman();
            reset = true;
        } else if (reading.startTime().equals(last.startTime()) && reading.totalHuman() > last.totalHuman()) {
            delta = reading.totalHuman() - last.totalHuman();
        } else {
            return null;
        }
        return FootfallEvent.newBuilder()
                .setEventId(EventIds.of(site.id(), site.axisPrefix(), reading.scenario(), reading.startTime().toString(),
                        reading.totalHuman()))
                .setSiteId(site.id())
                .setDeviceId(site.axisPrefix())
                .setLineId(reading.scenario())
                .setReceptionDoor(true)
                .setDirection(AxisCrossline.IN_SCENARIO.equals(reading.scenario()) ? Direction.IN : Direction.OUT)
                .setCount((int) delta)
                .setEventTime(reading.time())
                .setIntervalEnd(null)
                .setReceivedTime(reading.time().plus(RECEIVE_DELAY))
                .setDeviceTime(reading.time())
                .setClockReplaced(false)
                .setCounterReset(reset)
                .setSourceFormat(CounterFormat.AXIS_OBJECT_ANALYTICS)
                .build();
    }

    private void milesight(MilesightReport report, Direction direction, int count, List<AgentRecord> records) {
        if (count == 0) {
            return; // the agent forwards no zero counts
        }
        FootfallEvent event = FootfallEvent.newBuilder()
                .setEventId(EventIds.of(site.id(), site.deviceSerial(), site.milesightLineUuid(),
                        report.start().toString(), direction.name()))
                .setSiteId(site.id())
                .setDeviceId(site.deviceSerial())
                .setLineId(site.milesightLineUuid())
                .setReceptionDoor(true)
                .setDirection(direction)
                .setCount(count)
                .setEventTime(report.start())
                .setIntervalEnd(report.end())
                .setReceivedTime(report.publishAt().plus(RECEIVE_DELAY))
                .setDeviceTime(report.start())
                .setClockReplaced(false)
                .setCounterReset(false)
                .setSourceFormat(CounterFormat.MILESIGHT_VS12X)
                .build();
        records.add(new AgentRecord(Topic.FOOTFALL, site.id(), event, report.start()));
    }

    private KioskEvent kiosk(KioskAction action) {
        KioskEventType type = KioskEventType.valueOf(action.type());
        return KioskEvent.newBuilder()
                .setEventId(EventIds.of(site.id(), site.kioskId(), action.messageId()))
                .setSiteId(site.id())
                .setDeviceId(site.kioskId())
                .setKioskMessageId(action.messageId())
                .setType(type)
                .setVisitId(action.visitId())
                .setAdvisorPseudonym(action.badgeId() == null ? null : badges.of(action.badgeId()))
                .setAppointmentRefPseudonym(action.appointmentRef() == null ? null : references.of(action.appointmentRef()))
                .setFeedbackScore(action.feedback())
                .setEventTime(action.time())
                .setReceivedTime(action.time().plus(RECEIVE_DELAY))
                .setDeviceTime(action.time())
                .setClockReplaced(false)
                .build();
    }

    private AgentStatus heartbeat(Instant t) {
        long sequence = ++heartbeatSequence;
        return AgentStatus.newBuilder()
                .setEventId(EventIds.of(site.id(), site.agentId(), agentStarted.toEpochMilli(), sequence))
                .setSiteId(site.id())
                .setDeviceId(site.agentId())
                .setAgentVersion("simulator-history")
                .setSequence(sequence)
                .setStartedAt(agentStarted)
                .setEventTime(t)
                .setReceivedTime(t)
                .setOutboxDepth(0)
                .setOldestPendingAgeMs(0)
                .setClockOffsetMs(null)
                .setMqttConnected(true)
                .setMessagesReceived(0)
                .setEventsForwarded(0)
                .setDropped(0)
                .build();
    }
}
