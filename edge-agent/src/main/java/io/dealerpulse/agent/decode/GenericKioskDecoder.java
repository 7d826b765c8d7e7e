package io.dealerpulse.agent.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealerpulse.events.KioskEvent;
import io.dealerpulse.events.KioskEventType;
import io.dealerpulse.schemas.EventIds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DealerPulse's generic reception-kiosk format (documented in {@code docs/edge-agent.md}):
 * <pre>{@code
 * {"site_id":"FR-PARIS-01", "kiosk_id":"kiosk-1", "message_id":"000042", "type":"CHECK_IN",
 *  "time":"2025-11-24T09:14:05+01:00", "visit_id":"V-1042", "appointment_ref":"APT-55012",
 *  "badge_id":"B-7781", "feedback":3}
 * }</pre>
 * CHECK_IN and SERVED need {@code visit_id}; SIGN_ON and SIGN_OFF need {@code badge_id}; FEEDBACK
 * needs {@code feedback} 1..4. The badge id is replaced by its pseudonym under the per-site key and
 * the appointment reference by its pseudonym under the network key; neither leaves the agent in
 * clear, not even in a dead letter. Event id: hash(site, kiosk id, message id).
 */
public final class GenericKioskDecoder implements DeviceDecoder {
    public static final String FORMAT = "generic-kiosk";
    /** Fields that may carry personal data; everything not in {@link #KEPT} is dropped as well. */
    static final Set<String> PERSONAL = Set.of("badge_id", "appointment_ref");
    static final List<String> KEPT = List.of("site_id", "kiosk_id", "message_id", "type", "time", "visit_id",
            "feedback");

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public String stream() {
        return "kiosk";
    }

    @Override
    public Decoded decode(DeviceMessage message, DecodeContext context) throws PayloadException {
        JsonNode root = JsonPayload.parse(message.payload());
        String kioskId = JsonPayload.text(root, "kiosk_id");
        try {
            SiteClaim.check(root, context, kioskId);
            if (context.device(kioskId).isEmpty()) {
                throw new PayloadException(RejectReason.UNKNOWN_DEVICE, "kiosk '" + kioskId + "' is not in this"
                        + " agent's device list: add it under devices (format " + FORMAT + ")");
            }
            String messageId = JsonPayload.text(root, "message_id");
            KioskEventType type = type(JsonPayload.text(root, "type"));
            Instant deviceTime = JsonPayload.instant(root, "time");
            String visitId = JsonPayload.optionalText(root, "visit_id");
            String badge = JsonPayload.optionalText(root, "badge_id");
            String appointment = JsonPayload.optionalText(root, "appointment_ref");
            Integer feedback = null;
            switch (type) {
                case CHECK_IN, SERVED -> JsonPayload.text(root, "visit_id");
                case SIGN_ON, SIGN_OFF -> JsonPayload.text(root, "badge_id");
                case FEEDBACK -> {
                    long score = JsonPayload.count(root, "feedback", Long.MAX_VALUE / 2);
                    if (score < 1 || score > 4) {
                        throw new PayloadException(RejectReason.OUT_OF_RANGE, "feedback must be 1..4, got " + score);
                    }
                    feedback = (int) score;
                }
                default -> throw new IllegalStateException("unhandled kiosk type " + type);
            }
            DeviceTimeRule.Resolved time = context.timeRule()
                    .resolve(deviceTime, deviceTime, message.receivedTime(), kioskId);
            KioskEvent event = KioskEvent.newBuilder()
                    .setEventId(EventIds.of(context.siteId(), kioskId, messageId))
                    .setSiteId(context.siteId())
                    .setDeviceId(kioskId)
                    .setKioskMessageId(messageId)
                    .setType(type)
                    .setVisitId(type == KioskEventType.CHECK_IN || type == KioskEventType.SERVED ? visitId : null)
                    .setAdvisorPseudonym(badge == null ? null : context.pseudonyms().advisorBadge(badge))
                    .setAppointmentRefPseudonym(type == KioskEventType.CHECK_IN && appointment != null
                            ? context.pseudonyms().appointmentRef(appointment) : null)
                    .setFeedbackScore(feedback)
                    .setEventTime(time.eventTime())
                    .setReceivedTime(message.receivedTime())
                    .setDeviceTime(deviceTime)
                    .setClockReplaced(time.clockReplaced())
                    .build();
            return Decoded.events(List.of(event));
        } catch (PayloadException e) {
            throw e.withDevice(kioskId);
        }
    }

    private static KioskEventType type(String text) throws PayloadException {
        try {
            return KioskEventType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PayloadException(RejectReason.OUT_OF_RANGE, "type must be one of CHECK_IN, SERVED, SIGN_ON,"
                    + " SIGN_OFF, FEEDBACK, got '" + text + "'");
        }
    }

    /**
     * Keeps only the known non-personal fields, with personal ones replaced by {@code "REDACTED"};
     * an unreadable payload is replaced whole (it might contain anything).
     */
    @Override
    public Redacted redactForUpstream(byte[] payload) {
        JsonNode root;
        try {
            root = JsonPayload.parse(payload);
        } catch (PayloadException e) {
            String note = "{\"redacted\":\"unreadable kiosk payload of " + payload.length
                    + " bytes; the raw payload is in the site's quarantine\"}";
            return new Redacted(note.getBytes(StandardCharsets.UTF_8), true);
        }
        ObjectNode copy = JsonPayload.mapper().createObjectNode();
        for (String field : KEPT) {
            if (root.has(field)) {
                JsonNode value = root.get(field);
                copy.set(field, value.isValueNode() ? value : copy.textNode("REDACTED"));
            }
        }
        for (String field : PERSONAL) {
            if (root.has(field)) {
                copy.put(field, "REDACTED");
            }
        }
        root.fieldNames().forEachRemaining(field -> {
            if (!copy.has(field)) {
                copy.put(field, "REDACTED");
            }
        });
        return new Redacted(copy.toString().getBytes(StandardCharsets.UTF_8), true);
    }
}
