package io.dealerpulse.schemas.serde;

/** Bytes that are not a readable DealerPulse record; {@link #reason()} is a dead-letter reason code. */
public final class UndecodableRecordException extends Exception {

    /** Why the bytes could not be read. */
    public enum Reason {
        /** Not Avro single-object encoding (missing C3 01 marker or too short). */
        NOT_SINGLE_OBJECT,
        /** The writer schema's fingerprint is not in the catalog (a newer or foreign writer). */
        UNKNOWN_SCHEMA,
        /** The header was fine but the body could not be decoded with the writer schema. */
        CORRUPT_AVRO,
        /** A valid record of another type than this topic carries. */
        UNEXPECTED_TYPE
    }

    private final Reason reason;

    public UndecodableRecordException(Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public UndecodableRecordException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public Reason reason() {
        return reason;
    }
}
