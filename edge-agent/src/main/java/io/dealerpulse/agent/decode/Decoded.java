package io.dealerpulse.agent.decode;

import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a decoder made of one message: events to forward, counter states to commit with them, and
 * possibly a rejection (a message can both advance a counter and be rejected, e.g. an absurd jump)
 * or a reason it was ignored (not a count, a baseline, no new people).
 */
public record Decoded(
        List<SpecificRecord> events,
        List<CounterState> counterUpdates,
        Optional<PayloadException> rejection,
        Optional<String> ignoredBecause) {

    public static Decoded events(List<? extends SpecificRecord> events) {
        return new Decoded(List.copyOf(events), List.of(), Optional.empty(), Optional.empty());
    }

    public static Decoded ignored(String why) {
        return new Decoded(List.of(), List.of(), Optional.empty(), Optional.of(why));
    }

    /** Nothing to forward, but the counter moved (a baseline) or was confirmed (a repeat). */
    public static Decoded counterOnly(CounterState state, String why) {
        return new Decoded(List.of(), List.of(state), Optional.empty(), Optional.of(why));
    }

    /** Rejected, but the counter state still advances (so the next message does not count the same jump). */
    public static Decoded rejectedAfter(CounterState state, PayloadException problem) {
        return new Decoded(List.of(), List.of(state), Optional.of(problem), Optional.empty());
    }

    public static Decoded counted(SpecificRecord event, CounterState state) {
        return new Decoded(List.of(event), List.of(state), Optional.empty(), Optional.empty());
    }

    public static Decoded rejected(PayloadException problem) {
        return new Decoded(List.of(), List.of(), Optional.of(problem), Optional.empty());
    }
}
