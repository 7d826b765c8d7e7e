package io.dealerpulse.agent.outbox;

/** An {@link OutboxEntry} as stored, with its position in the FIFO. */
public record StoredEntry(long sequence, OutboxEntry entry) {}
