package io.dealerpulse.agent.outbox;

/** The outbox's store failed (disk full, file damaged, permissions): nothing of the operation was kept. */
public final class OutboxException extends Exception {
    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
