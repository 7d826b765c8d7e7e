package io.dealerpulse.jobs.score;

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
