package io.dealerpulse.jobs.sink;

/**
 * A write InfluxDB did not accept, classified by what the writer should do about it.
 *
 * <ul>
 *   <li>{@link Kind#RETRY}: no answer (connection refused, timeout), a 5xx, 408 or 429 - the server
 *       may accept the same points later; the writer backs off and tries again.
 *   <li>{@link Kind#REJECTED}: a 400 - the points themselves are wrong for this database (a field type
 *       conflict, {@code partial write: ... dropped=N}, points beyond the retention policy). Repeating
 *       them can never succeed; the writer counts and logs them and moves on.
 *   <li>{@link Kind#FATAL}: 401, 403, 404 and other 4xx - the sink is misconfigured (credentials,
 *       permissions, a database that does not exist) - and InfluxDB 1.x's 500 for a retention policy
 *       that does not exist, which no retry can fix. The job fails with the reason instead of
 *       dropping every point or waiting forever.
 * </ul>
 */
public final class WriteFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What to do about a failed write. */
    public enum Kind { RETRY, REJECTED, FATAL }

    /** HTTP status when InfluxDB answered; {@link #NO_RESPONSE} when it did not. */
    public static final int NO_RESPONSE = -1;

    /** InfluxDB 1.x answers a write to a missing retention policy with a 500 carrying this text. */
    private static final String RETENTION_POLICY_NOT_FOUND = "retention policy not found";

    private final Kind kind;
    private final int httpStatus;

    public WriteFailure(int httpStatus, String reason, Throwable cause) {
        super(reason, cause);
        this.httpStatus = httpStatus;
        this.kind = classify(httpStatus, reason);
    }

    public static Kind classify(int httpStatus, String reason) {
        if (reason != null && reason.contains(RETENTION_POLICY_NOT_FOUND)) {
            return Kind.FATAL;
        }
        if (httpStatus == NO_RESPONSE || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429) {
            return Kind.RETRY;
        }
        if (httpStatus == 400) {
            return Kind.REJECTED;
        }
        return Kind.FATAL;
    }

    public Kind kind() {
        return kind;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The reason in one line: HTTP status and InfluxDB's error text. */
    public String describe() {
        return (httpStatus == NO_RESPONSE ? "no response" : "HTTP " + httpStatus) + ": " + getMessage();
    }
}
