package io.dealerpulse.jobs.scenario;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.CounterFormat;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.KioskEventType;
import io.dealerpulse.events.SurveyChannel;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.schemas.EventIds;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Builds the input records of one site the way the edge agent and the importers do, with stable
 * event ids from {@link EventIds} (device identity + interval / message id, never receive time), so
 * a re-sent record carries the same id.
 */
public final class SiteRecords {
    public static final String KIOSK_ID = "kiosk-1";
    public static final String AGENT_ID = "agent-1";
    public static final String BOOKING_SYSTEM = "booking-import";
    public static final String SURVEY_TOOL = "survey-import";

    private final String siteId;

    public SiteRecords(String siteId) {
        this.siteId = siteId;
    }

    public String siteId() {
        return siteId;
    }

    /** A per-interval count of one line in one direction (generic counter format), event time = interval start. */
    public FootfallEvent footfall(String deviceId, String lineId, boolean receptionDoor, Direction direction, int count,
            Instant intervalStart, Duration interval) {
        return FootfallEvent.newBuilder()
                .setEventId(EventIds.of(siteId, deviceId, lineId, intervalStart.toEpochMilli(), direction))
                .setSiteId(siteId)
                .setDeviceId(deviceId)
                .setLineId(lineId)
                .setReceptionDoor(receptionDoor)
                .setDirection(direction)
                .setCount(count)
                .setEventTime(intervalStart)
                .setIntervalEnd(intervalStart.plus(interval))
                .setReceivedTime(intervalStart.plus(interval).plusSeconds(1))
                .setDeviceTime(intervalStart.plus(interval))
                .setSourceFormat(CounterFormat.GENERIC)
                .build();
    }

    public KioskEvent kiosk(String messageId, KioskEventType type, Instant time, String visitId, String advisor,
            String appointmentRef, Integer feedbackScore) {
        return KioskEvent.newBuilder()
                .setEventId(EventIds.of(siteId, KIOSK_ID, messageId))
                .setSiteId(siteId)
                .setDeviceId(KIOSK_ID)
                .setKioskMessageId(messageId)
                .setType(type)
                .setVisitId(visitId)
                .setAdvisorPseudonym(advisor)
                .setAppointmentRefPseudonym(appointmentRef)
                .setFeedbackScore(feedbackScore)
                .setEventTime(time)
                .setReceivedTime(time.plusMillis(200))
                .setDeviceTime(time)
                .build();
    }

    public KioskEvent signOn(String messageId, String advisor, Instant time) {
        return kiosk(messageId, KioskEventType.SIGN_ON, time, null, advisor, null, null);
    }

    public KioskEvent signOff(String messageId, String advisor, Instant time) {
        return kiosk(messageId, KioskEventType.SIGN_OFF, time, null, advisor, null, null);
    }

    public KioskEvent checkIn(String messageId, String visitId, String appointmentRef, Instant time) {
        return kiosk(messageId, KioskEventType.CHECK_IN, time, visitId, null, appointmentRef, null);
    }

    public KioskEvent served(String messageId, String visitId, String advisor, Instant time) {
        return kiosk(messageId, KioskEventType.SERVED, time, visitId, advisor, null, null);
    }

    public KioskEvent feedback(String messageId, int score, Instant time) {
        return kiosk(messageId, KioskEventType.FEEDBACK, time, null, null, null, score);
    }

    public AppointmentEvent appointment(String ref, AppointmentAction action, Instant scheduled, Instant actionTime) {
        return AppointmentEvent.newBuilder()
                .setEventId(EventIds.of(BOOKING_SYSTEM, ref, action, actionTime.toEpochMilli()))
                .setSiteId(siteId)
                .setDeviceId(BOOKING_SYSTEM)
                .setAppointmentRefPseudonym(ref)
                .setAction(action)
                .setScheduledTime(scheduled)
                .setEventTime(actionTime)
                .setReceivedTime(actionTime.plusSeconds(30))
                .build();
    }

    public AgentStatus heartbeat(Instant agentStart, long sequence, Instant time) {
        return AgentStatus.newBuilder()
                .setEventId(EventIds.of(siteId, AGENT_ID, agentStart.toEpochMilli(), sequence))
                .setSiteId(siteId)
                .setDeviceId(AGENT_ID)
                .setAgentVersion("0.1.0")
                .setSequence(sequence)
                .setStartedAt(agentStart)
                .setEventTime(time)
                .setReceivedTime(time)
                .setOutboxDepth(0)
                .setOldestPendingAgeMs(0)
                .setClockOffsetMs(null)
                .setMqttConnected(true)
                .setMessagesReceived(sequence * 10)
                .setEventsForwarded(sequence * 10)
                .setRejects(Map.of())
                .setDropped(0)
                .build();
    }

    public SurveyResponse survey(String responseId, Integer nps, Integer satisfaction, LocalDate visitDate,
            Instant receivedAt) {
        return SurveyResponse.newBuilder()
                .setEventId(EventIds.of(SURVEY_TOOL, responseId))
                .setSiteId(siteId)
                .setDeviceId(SURVEY_TOOL)
                .setResponseId(responseId)
                .setChannel(SurveyChannel.EMAIL)
                .setNpsScore(nps)
                .setSatisfactionScore(satisfaction)
                .setVisitDate(visitDate)
                .setEventTime(receivedAt)
                .setReceivedTime(receivedAt)
                .build();
    }
}
