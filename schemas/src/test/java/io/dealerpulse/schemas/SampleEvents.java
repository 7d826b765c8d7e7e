package io.dealerpulse.schemas;

import io.dealerpulse.events.AgentStatus;
import io.dealerpulse.events.AppointmentAction;
import io.dealerpulse.events.AppointmentEvent;
import io.dealerpulse.events.CounterFormat;
import io.dealerpulse.events.DatedException;
import io.dealerpulse.events.DeadLetter;
import io.dealerpulse.events.Direction;
import io.dealerpulse.events.FootfallEvent;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.KioskEventType;
import io.dealerpulse.events.LocalInterval;
import io.dealerpulse.events.OpeningInterval;
import io.dealerpulse.events.SiteRegistryVersion;
import io.dealerpulse.events.SurveyChannel;
import io.dealerpulse.events.SurveyResponse;
import io.dealerpulse.events.Weekday;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated record of every event type, with named instants. */
public final class SampleEvents {
    public static final Instant OPENING = Instant.parse("2025-11-24T07:30:00Z");
    public static final Instant RECEIVED = OPENING.plusSeconds(2);

    private SampleEvents() {}

    public static FootfallEvent footfall() {
        return FootfallEvent.newBuilder()
                .setEventId(EventIds.of("FR-PAR-001", "axis/ACCC8E123456", "Device1Scenario1", "2025-11-20T06:00:00Z", 405))
                .setSiteId("FR-PAR-001").setDeviceId("axis/ACCC8E123456").setLineId("Device1Scenario1")
                .setReceptionDoor(true).setDirection(Direction.IN).setCount(1)
                .setEventTime(OPENING).setReceivedTime(RECEIVED).setDeviceTime(OPENING)
                .setSourceFormat(CounterFormat.AXIS_OBJECT_ANALYTICS).build();
    }

    public static KioskEvent kiosk() {
        return KioskEvent.newBuilder()
                .setEventId(EventIds.of("FR-PAR-001", "kiosk-1", "m-42")).setSiteId("FR-PAR-001")
                .setDeviceId("kiosk-1").setKioskMessageId("m-42").setType(KioskEventType.CHECK_IN)
                .setVisitId("V-0001").setAppointmentRefPseudonym("ap-7f3a")
                .setEventTime(OPENING).setReceivedTime(RECEIVED).setDeviceTime(OPENING).build();
    }

    public static AppointmentEvent appointment() {
        return AppointmentEvent.newBuilder()
                .setEventId(EventIds.of("booking", "ap-7f3a", "BOOKED", OPENING)).setSiteId("FR-PAR-001")
                .setDeviceId("booking").setAppointmentRefPseudonym("ap-7f3a").setAction(AppointmentAction.BOOKED)
                .setScheduledTime(OPENING.plusSeconds(3600)).setEventTime(OPENING.minusSeconds(86400))
                .setReceivedTime(RECEIVED).build();
    }

    public static SurveyResponse survey() {
        return SurveyResponse.newBuilder()
                .setEventId(EventIds.of("surveys", "r-1")).setSiteId("FR-PAR-001").setDeviceId("surveys")
                .setResponseId("r-1").setChannel(SurveyChannel.EMAIL).setNpsScore(9).setSatisfactionScore(5)
                .setVisitDate(LocalDate.parse("2025-11-24")).setEventTime(RECEIVED).setReceivedTime(RECEIVED).build();
    }

    public static SiteRegistryVersion registry() {
        return SiteRegistryVersion.newBuilder()
                .setEventId(EventIds.of("registry.csv", "FR-PAR-001", 0)).setSiteId("FR-PAR-001")
                .setDeviceId("registry.csv").setName("Garage du Parc").setRegion("Ile-de-France")
                .setZoneManager("zm-idf-1").setInvestorGroup("Groupe Nord").setCountry("FR").setTimeZone("Europe/Paris")
                .setWeeklyHours(List.of(
                        new OpeningInterval(Weekday.MONDAY, 8 * 60, 12 * 60),
                        new OpeningInterval(Weekday.MONDAY, 14 * 60, 18 * 60)))
                .setExceptions(List.of(new DatedException(LocalDate.parse("2025-12-25"), List.of(), "Christmas"),
                        new DatedException(LocalDate.parse("2025-12-24"), List.of(new LocalInterval(480, 720)), null)))
                .setTargetMin(2.0).setTargetMax(6.0).setLatitude(48.85).setLongitude(2.35)
                .setEffectiveFrom(Instant.EPOCH).setEventTime(Instant.EPOCH).setReceivedTime(RECEIVED).build();
    }

    public static AgentStatus agentStatus() {
        return AgentStatus.newBuilder()
                .setEventId(EventIds.of("FR-PAR-001", "agent-1", OPENING, 7)).setSiteId("FR-PAR-001")
                .setDeviceId("agent-1").setAgentVersion("0.1.0").setSequence(7).setStartedAt(OPENING)
                .setEventTime(RECEIVED).setReceivedTime(RECEIVED).setOutboxDepth(3).setOldestPendingAgeMs(120)
                .setClockOffsetMs(-15L).setMqttConnected(true).setMessagesReceived(100).setEventsForwarded(97)
                .setRejects(Map.of("MALFORMED_JSON", 2L)).setDropped(0).build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setEventId(EventIds.of("mqtt:dealer/x", "{")).setSiteId("FR-PAR-001").setDeviceId("kiosk-1")
                .setSource("mqtt:dealer/FR-PAR-001/kiosk/kiosk-1").setStream("kiosk").setReason("MALFORMED_JSON")
                .setDetail("unexpected end of input at line 1")
                .setPayload(ByteBuffer.wrap("{\"badge\":\"<redacted>\"".getBytes(StandardCharsets.UTF_8)))
                .setPayloadRedacted(true).setReceivedTime(RECEIVED).setDeadLetteredTime(RECEIVED).build();
    }

    public static List<SpecificRecord> oneOfEach() {
        return List.of(footfall(), kiosk(), appointment(), survey(), registry(), agentStatus(), deadLetter());
    }
}
