package io.dealerpulse.agent.decode;

import java.time.Instant;

/**
 * The last totals of one cumulative counter: {@code epoch} is the counter's last reset time (AXIS
 * {@code startTime}), {@code total} the last total seen since then. Stored in the outbox database and
 * committed in the same transaction as the events it produced.
 */
public record CounterState(String key, Instant epoch, long total) {}
