package io.dealerpulse.agent.decode;

import static io.dealerpulse.agent.SiteFixture.KIOSK;
import static io.dealerpulse.agent.SiteFixture.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.KioskEventType;
import io.dealerpulse.schemas.EventIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GenericKioskDecoderTest {
    static final Instant RECEIVED = Instant.parse("2025-11-24T08:14:06Z");
    final GenericKioskDecoder decoder = new GenericKioskDecoder();
    final TestContext context = new TestContext();

    static DeviceMessage kiosk(String json) {
        return new DeviceMessage("dealerpulse/kiosk/" + KIOSK, json.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    KioskEvent decode(String json) throws PayloadException {
        return (KioskEvent) decoder.decode(kiosk(json), context).events().get(0);
    }

    @Test
    void aCheckInCarriesTheVisitAndTheAppointmentPseudonymUnderTheNetworkKey() throws Exception {
        KioskEvent event = decode("""
                {"site_id":"FR-PARIS-01","kiosk_id":"kiosk-1","message_id":"000042","type":"CHECK_IN",
                 "time":"2025-11-24T09:14:05+01:00","visit_id":"V-1042","appointment_ref":"APT-55012"}""");

        assertThat(event.getEventId()).isEqualTo(EventIds.of(SITE, KIOSK, "000042"));
        assertThat(event.getType()).isEqualTo(KioskEventType.CHECK_IN);
        assertThat(event.getVisitId()).isEqualTo("V-1042");
        assertThat(event.getAppointmentRefPseudonym())
                .isEqualTo(new io.dealerpulse.schemas.Pseudonyms("network-secret-for-tests".getBytes(StandardCharsets.UTF_8)).of("APT-55012"))
                .doesNotContain("APT");
        assertThat(event.getEventTime()).isEqualTo(Instant.parse("2025-11-24T08:14:05Z"));
    }

    @Test
    void aSignOnCarriesTheBadgePseudonymUnderTheSiteKeyNeverTheBadge() throws Exception {
        KioskEvent event = decode("""
                {"kiosk_id":"kiosk-1","message_id":"000043","type":"SIGN_ON","time":"2025-11-24T09:00:00+01:00",
                 "badge_id":"B-7781"}""");

        assertThat(event.getAdvisorPseudonym()).isEqualTo(new io.dealerpulse.schemas.Pseudonyms("site-secret-for-tests".getBytes(StandardCharsets.UTF_8)).of("B-7781"));
        assertThat(event.toString()).doesNotContain("B-7781");
    }

    @Test
    void feedbackMustBeOneToFour() {
        assertThatThrownBy(() -> decode("""
                {"kiosk_id":"kiosk-1","message_id":"9","type":"FEEDBACK","time":"2025-11-24T09:00:00+01:00",
                 "feedback":5}""")).isInstanceOfSatisfying(PayloadException.class,
                e -> assertThat(e.reason()).isEqualTo(RejectReason.OUT_OF_RANGE));
    }

    @Test
    void anotherSitesPayloadIsRejectedAsForeign() {
        assertThatThrownBy(() -> decode("""
                {"site_id":"DE-BERLIN-02","kiosk_id":"kiosk-1","message_id":"9","type":"SIGN_OFF",
                 "time":"2025-11-24T09:00:00+01:00","badge_id":"B-1"}""")).isInstanceOfSatisfying(
                PayloadException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.FOREIGN_SITE));
    }

    @Test
    void aCheckInWithoutVisitIsMissingAField() {
        assertThatThrownBy(() -> decode("""
                {"kiosk_id":"kiosk-1","message_id":"9","type":"CHECK_IN","time":"2025-11-24T09:00:00+01:00"}"""))
                .isInstanceOfSatisfying(PayloadException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD));
    }

    @Test
    void aMalformedPayloadsReasonDoesNotQuoteItsContent() {
        assertThatThrownBy(() -> decode("{\"kiosk_id\":\"kiosk-1\",\"badge_id\": B-7781}"))
                .isInstanceOfSatisfying(PayloadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
                    assertThat(e.getMessage()).contains("column").doesNotContain("7781");
                });
    }

    @Test
    void theRedactedFormKeepsNoPersonalValueAndNoUnknownField() {
        byte[] raw = """
                {"kiosk_id":"kiosk-1","message_id":"9","type":"SIGN_ON","badge_id":"B-7781",
                 "appointment_ref":"APT-1","customer":"Jane Doe","time":"soon"}""".getBytes(StandardCharsets.UTF_8);
        String redacted = new String(decoder.redactForUpstream(raw).payload(), StandardCharsets.UTF_8);

        assertThat(redacted).contains("\"kiosk_id\":\"kiosk-1\"", "\"message_id\":\"9\"")
                .doesNotContain("B-7781", "APT-1", "Jane Doe");
        assertThat(new String(decoder.redactForUpstream("{not json B-7781".getBytes(StandardCharsets.UTF_8))
                .payload(), StandardCharsets.UTF_8)).doesNotContain("B-7781");
    }
}
