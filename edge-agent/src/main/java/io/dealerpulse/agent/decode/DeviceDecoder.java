package io.dealerpulse.agent.decode;

/**
 * Turns one device message into DealerPulse events. Implementations are found with
 * {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.dealerpulse.agent.decode.DeviceDecoder}) and chosen per MQTT
 * subscription by {@link #format()}; a new device format is one new class and one line.
 *
 * <p>Contract: never throw anything but {@link PayloadException} for bad input; never use the receive
 * time in an event id (a redelivered message must map to the same id); return counter updates rather
 * than writing them, so they are committed atomically with the events.
 */
public interface DeviceDecoder {

    /** The name used in the configuration, e.g. {@code axis-object-analytics}. */
    String format();

    /** The DESIGN.md stream of its events: {@code footfall} or {@code kiosk}. */
    String stream();

    Decoded decode(DeviceMessage message, DecodeContext context) throws PayloadException;

    /**
     * The payload as it may leave the site in a dead letter. Formats with personal data return a
     * redacted copy ({@code redacted = true}); the raw one then stays in the on-site quarantine.
     */
    default Redacted redactForUpstream(byte[] payload) {
        return new Redacted(payload, false);
    }

    /** A payload fit to leave the site. */
    record Redacted(byte[] payload, boolean redacted) {}
}
