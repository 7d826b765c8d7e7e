package io.dealerpulse.importer.rows;

/**
 * A row cannot be imported. Thrown by the row mappers and turned into a report line and a dead
 * letter by the import run; the detail says what was wrong and what to do, never the value of a
 * personal field (an appointment reference).
 */
public final class RowRejection extends Exception {
    private final RejectReason reason;

    public RowRejection(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}
