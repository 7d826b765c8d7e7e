package io.dealerpulse.agent.decode.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.dealerpulse.agent.decode.CounterState;
import io.dealerpulse.agent.decode.Decoded;
import io.dealerpulse.agent.decode.DeviceDecoder;
import io.dealerpulse.agent.decode.DeviceMessage;
import io.dealerpulse.agent.decode.PayloadException;
import io.dealerpulse.agent.decode.RejectReason;
import io.dealerpulse.agent.decode.TestContext;
import io.dealerpulse.events.FootfallEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * One decoder as a fuzz target: the topic it is subscribed on, a receive time near the fixtures'
 * device times, and a valid baseline message decoded first so cumulative counters already have a
 * state (the fuzzed payload then meets the "later message" paths, not only first sight).
 */
record DecoderUnderFuzz(DeviceDecoder decoder, String topic, Instant receivedTime, String baseline) {

    /**
     * Decodes the payload twice on a context that already holds the baseline's counter state,
     * committing between the two as the outbox would. Returns normally when every outcome is declared:
     * a result with non-negative counts and counter totals and at most one event per payload byte, or a
     * {@link PayloadException} with a decoder's reason; anything else escapes and is a finding.
     */
    void check(byte[] payload) {
        TestContext context = new TestContext();
        decodeDeclared(baseline.getBytes(StandardCharsets.UTF_8), context);
        decodeDeclared(payload, context);
        decodeDeclared(payload, context);
        DeviceDecoder.Redacted redacted = decoder.redactForUpstream(payload);
        assertThat(redacted).as("redacted payload").isNotNull();
        assertThat(redacted.payload()).as("redacted payload bytes").isNotNull();
    }

    private void decodeDeclared(byte[] payload, TestContext context) {
        DeviceMessage message = new DeviceMessage(topic, payload, receivedTime);
        try {
            Decoded decoded = decoder.decode(message, context);
            assertWellFormed(decoded, payload.length);
            context.commit(decoded);
        } catch (PayloadException e) {
            assertDeclared(e);
        }
    }

    private static void assertWellFormed(Decoded decoded, int payloadLength) {
        assertThat(decoded).isNotNull();
        decoded.rejection().ifPresent(DecoderUnderFuzz::assertDeclared);
        // Bounded output: a payload cannot announce more events than it has bytes.
        assertThat(decoded.events().size()).as("events of a %d-byte payload", payloadLength)
                .isLessThanOrEqualTo(Math.max(1, payloadLength));
        for (SpecificRecord event : decoded.events()) {
            if (event instanceof FootfallEvent footfall) {
                assertThat(footfall.getCount()).as("footfall count").isNotNegative();
            }
        }
        for (CounterState state : decoded.counterUpdates()) {
            assertThat(state.total()).as("counter total").isNotNegative();
        }
    }

    /** DECODER_FAILURE is the message processor's safety net for decoder bugs, never a decoder's verdict. */
    private static void assertDeclared(PayloadException e) {
        assertThat(e.reason()).as("reject reason of '%s'", e.getMessage())
                .isNotNull().isNotEqualTo(RejectReason.DECODER_FAILURE);
    }
}
