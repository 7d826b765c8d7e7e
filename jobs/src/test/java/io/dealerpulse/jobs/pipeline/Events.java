package io.dealerpulse.jobs.pipeline;

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
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** Test events of one site with stable ids derived from their content. */
final class Events {
    private final String site;

    Events(String site) {
        this.site = site;
    }

    FootfallEvent entries(Instant t, int count) {
        return footfall(t, count, true, Direction.IN, "door-1");
    }

    FootfallEvent footfall(Instant t, int count, boolean receptionDoor, Direction direction, String line) {
        return FootfallEvent.newBuilder()
                .setEventId(EventIds.of(site, "counter-1", line, t, direction))
                .setSiteId(site).setDeviceId("counter-1").setLineId(line)
                .setReceptionDoor(receptionDoor).setDirection(direction).setCount(count)
                .setEventTime(t).setReceivedTime(t).setDeviceTime(t)
                .setSourceFormat(CounterFormat.GENERIC)
                .build();
    }

    KioskEvent signOn(String advisor, Instant t) {
        return kiosk(KioskEventType.SIGN_ON, t, null, advisor, null);
    }

    KioskEvent signOff(String advisor, Instant t) {
        return kiosk(KioskEventType.SIGN_OFF, t, null, advisor, null);
    }

    KioskEvent checkIn(String visit, Instant t, String appointmentRef) {
        return kiosk(KioskEventType.CHECK_IN, t, visit, null, appointmentRef);
    }

    KioskEvent served(String visit, Instant t) {
        return kiosk(KioskEventType.SERVED, t, visit, "advisor-x", null);
    }

    KioskEvent kiosk(KioskEventType type, Instant t, String visit, String advisor, String ref) {
        String messageId = type + "/" + t + "/" + visit + "/" + advisor;
        return KioskEvent.newBuilder()
                .setEventId(EventIds.of(site, "kiosk-1", messageId))
                .setSiteId(site).setDeviceId("kiosk-1").setKioskMessageId(messageId)
                .setType(type).setVisitId(visit).setAdvisorPseudonym(advisor).setAppointmentRefPseudonym(ref)
                .setEventTime(t).setReceivedTime(t).setDeviceTime(t)
                .build();
    }

    AppointmentEvent appointment(String ref, AppointmentAction action, Instant scheduled, Instant actionTime) {
        return AppointmentEvent.newBuilder()
                .setEventId(EventIds.of("booking", ref, action, actionTime))
                .setSiteId(site).setDeviceId("booking").setAppointmentRefPseudonym(ref)
                .setAction(action).setScheduledTime(scheduled)
                .setEventTime(actionTime).setReceivedTime(actionTime)
                .build();
    }

    AgentStatus heartbeat(Instant t) {
        return AgentStatus.newBuilder()
                .setEventId(EventIds.of(site, "agent", t))
                .setSiteId(site).setDeviceId("agent").setAgentVersion("test").setSequence(t.toEpochMilli())
                .setStartedAt(Instant.EPOCH).setEventTime(t).setReceivedTime(t)
                .setOutboxDepth(0).setOldestPendingAgeMs(0).setMqttConnected(true)
                .setMessagesReceived(0).setEventsForwarded(0).setRejects(Map.of())
                .build();
    }

    SurveyResponse survey(Instant t, LocalDate visitDate, int nps) {
        return SurveyResponse.newBuilder()
                .setEventId(EventIds.of("survey", site, t, nps))
                .setSiteId(site).setDeviceId("survey-tool").setResponseId("r-" + t)
                .setChannel(SurveyChannel.EMAIL).setNpsScore(nps).setVisitDate(visitDate)
                .setEventTime(t).setReceivedTime(t)
                .build();
    }
}
