package io.dealerpulse.jobs.score;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.CounterFormat;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.KioskEventType;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyChannel;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.jobs.kpi.Registries;
import io.dealerpulse.jobs.pipeline.SiteInput;
import io.dealerpulse.schemas.EventIds;
import java.time.Instant;
import java.time.LocalDate;

/** Test inputs of one site with stable ids derived from their content. */
final class ScoreEvents {
    private final String site;

    ScoreEvents(String site) {
        this.site = site;
    }

    SiteRegistryVersion registry(String region, String group) {
        Registries r = Registries.site(site, "Europe/Paris").everyDay("08:00", "18:00").band(1.0, 4.0).region(region);
        return (group == null ? r.independent() : r).build();
    }

    SiteInput feedback(Instant t, int score) {
        return SiteInput.of(kiosk(KioskEventType.FEEDBACK, t, null, score));
    }

    SiteInput checkIn(String visit, Instant t) {
        return SiteInput.of(kiosk(KioskEventType.CHECK_IN, t, visit, null));
    }

    SiteInput served(String visit, Instant t) {
        return SiteInput.of(kiosk(KioskEventType.SERVED, t, visit, null));
    }

    SiteInput survey(int nps, LocalDate visitDate, Instant received) {
        return SiteInput.of(SurveyResponse.newBuilder()
                .setEventId(EventIds.of("survey-test", site, visitDate, received, nps))
                .setSiteId(site).setDeviceId("survey-tool").setResponseId("r-" + received.toEpochMilli())
                .setChannel(SurveyChannel.EMAIL).setNpsScore(nps).setVisitDate(visitDate)
                .setEventTime(received).setReceivedTime(received)
                .build());
    }

    /** A workshop-door entry: moves the site clock, counts in no KPI. */
    SiteInput workshopEntry(Instant t) {
        return SiteInput.of(FootfallEvent.newBuilder()
                .setEventId(EventIds.of(site, "counter-1", "workshop", t))
                .setSiteId(site).setDeviceId("counter-1").setLineId("workshop")
                .setReceptionDoor(false).setDirection(Direction.IN).setCount(1)
                .setEventTime(t).setReceivedTime(t).setDeviceTime(t)
                .setSourceFormat(CounterFormat.GENERIC)
                .build());
    }

    SiteInput cancelledAppointment(String ref, Instant scheduled, Instant actionTime) {
        return appointment(ref, AppointmentAction.CANCELLED, scheduled, actionTime);
    }

    SiteInput appointment(String ref, AppointmentAction action, Instant scheduled, Instant actionTime) {
        return SiteInput.of(AppointmentEvent.newBuilder()
                .setEventId(EventIds.of("booking", ref, actionTime))
                .setSiteId(site).setDeviceId("booking").setAppointmentRefPseudonym(ref)
                .setAction(action).setScheduledTime(scheduled)
                .setEventTime(actionTime).setReceivedTime(actionTime)
                .build());
    }

    SiteInput heartbeat(Instant t) {
        return SiteInput.of(AgentStatus.newBuilder()
                .setEventId(EventIds.of(site, "agent", t))
                .setSiteId(site).setDeviceId("agent").setAgentVersion("test").setSequence(t.toEpochMilli())
                .setStartedAt(Instant.EPOCH).setEventTime(t).setReceivedTime(t)
                .setOutboxDepth(0).setOldestPendingAgeMs(0).setMqttConnected(true)
                .setMessagesReceived(0).setEventsForwarded(0).setRejects(java.util.Map.of())
                .build());
    }

    private KioskEvent kiosk(KioskEventType type, Instant t, String visit, Integer feedback) {
        String messageId = type + "-" + t.toEpochMilli() + "-" + visit + "-" + feedback;
        return KioskEvent.newBuilder()
                .setEventId(EventIds.of(site, "kiosk-1", messageId))
                .setSiteId(site).setDeviceId("kiosk-1").setKioskMessageId(messageId).setType(type)
                .setVisitId(visit).setFeedbackScore(feedback)
                .setEventTime(t).setReceivedTime(t).setDeviceTime(t)
                .build();
    }
}
