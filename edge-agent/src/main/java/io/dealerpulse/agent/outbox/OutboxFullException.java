package io.dealerpulse.agent.outbox;

/** The outbox reached its configured cap; nothing of the refused batch was written. */
public final class OutboxFullException extends Exception {
    public OutboxFullException(String message) {
        super(message);
    }
}
