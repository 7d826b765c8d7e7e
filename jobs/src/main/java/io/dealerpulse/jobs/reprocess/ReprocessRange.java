package io.dealerpulse.jobs.reprocess;

import io.dealerpulse.jobs.score.ScoreOptions;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The event-time range a reprocessing replaces, [from, to), and how much input around it is read.
 *
 * <p>Output: every replay-equal point whose <em>stored timestamp</em> is in [from, to) is deleted
 * first and written again; nothing else is touched. (A daily point is stored at its local midnight,
 * e.g. 2026-10-31T23:00Z for a Paris site's 1 November, so it belongs to the range that holds that
 * instant; delete and rewrite use the same rule, so the range is replaced consistently.)
 *
 * <p>Input: events are selected by their own times, never by Kafka timestamps:
 * <ul>
 *   <li><b>warm-up</b> before {@code from} (default {@link #DEFAULT_WARM_UP}, 46 days): the trend of a day
 *       in the range reads the daily scores of the 14 days before it, and each of those reads the
 *       surveys of the 30 local days ending that day; 14 + 30 = 44 days, plus 2 days for time zones and
 *       local-day boundaries. Feedback (7 days), appointments and windows need less. The clocks, de-duplication
 *       and daily history are rebuilt over the warm-up; its points are not written.</li>
 *   <li><b>tail</b> after {@code to} (default {@link #DEFAULT_TAIL}, 3 days): a range's last windows and
 *       local day close only when the site's clock passes their end (the next agent event + the
 *       out-of-orderness), so events after the range are read to move each clock past it. A site that
 *       sent nothing for the whole tail keeps its last day open, as a live job would.</li>
 * </ul>
 */
public record ReprocessRange(Instant from, Instant to, Duration warmUp, Duration tail) implements Serializable {
    /** Trend days + satisfaction days + 2 days of margin for zones and local-day boundaries. */
    public static final Duration DEFAULT_WARM_UP =
            Duration.ofDays(ScoreOptions.TREND_DAYS + ScoreOptions.SATISFACTION_DAYS + 2L);
    public static final Duration DEFAULT_TAIL = Duration.ofDays(3);

    public ReprocessRange {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the range is empty: from " + from + " is not before to " + to);
        }
        if (warmUp.isNegative() || tail.isNegative()) {
            throw new IllegalArgumentException("warm-up and tail must not be negative: " + warmUp + ", " + tail);
        }
    }

    public static ReprocessRange of(Instant from, Instant to) {
        return new ReprocessRange(from, to, DEFAULT_WARM_UP, DEFAULT_TAIL);
    }

    public ReprocessRange withWarmUp(Duration warmUp) {
        return new ReprocessRange(from, to, warmUp, tail);
    }

    public ReprocessRange withTail(Duration tail) {
        return new ReprocessRange(from, to, warmUp, tail);
    }

    /** Earliest event time read (inclusive). */
    public Instant readFrom() {
        return from.minus(warmUp);
    }

    /** Latest event time read (exclusive). */
    public Instant readUntil() {
        return to.plus(tail);
    }

    /** Whether a point stored at {@code timestampMillis} belongs to the range. */
    public boolean contains(long timestampMillis) {
        return timestampMillis >= from.toEpochMilli() && timestampMillis < to.toEpochMilli();
    }

    /** Whether an event time is read: in [readFrom, readUntil). */
    public boolean reads(Instant eventTime) {
        return eventTime != null && !eventTime.isBefore(readFrom()) && eventTime.isBefore(readUntil());
    }

    /** {@code 2026-11-01} (UTC midnight) or an ISO instant {@code 2026-11-01T06:00:00Z}. */
    public static Instant parseBound(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a date (2026-11-01, UTC midnight) nor an"
                    + " ISO instant (2026-11-01T06:00:00Z)");
        }
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ") reading event times [" + readFrom() + ", " + readUntil() + ")";
    }
}
