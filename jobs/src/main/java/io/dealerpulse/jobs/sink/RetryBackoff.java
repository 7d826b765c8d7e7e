package io.dealerpulse.jobs.sink;

import java.io.Serializable;
import java.time.Duration;

/**
 * Exponential backoff with jitter between attempts to write one batch: attempt n waits
 * {@code min(max, initial * 2^(n-1))}, of which a {@code jitter} share is randomised so the
 * subtasks of a job (and several jobs) do not hammer a recovering InfluxDB in lock-step.
 *
 * <p>Each wait is bounded by {@code max}; the number of attempts is not. While InfluxDB is down the
 * writer keeps trying, which blocks the task and back-pressures the job instead of failing it:
 * a restart would only replay the same points into the same outage.
 */
public final class RetryBackoff implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Duration initial;
    private final Duration max;
    private final double jitter;

    /**
     * @param jitter share of each wait that is random, in [0, 1]: 0 = exactly exponential,
     *     0.5 = between half and the full exponential wait
     */
    public RetryBackoff(Duration initial, Duration max, double jitter) {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, got " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is shorter than the initial " + initial);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
    }

    /**
     * The wait before retry number {@code attempt} (1 = first retry).
     *
     * @param random a value in [0, 1), e.g. {@code ThreadLocalRandom.current().nextDouble()}
     */
    public Duration delay(int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1, got " + attempt);
        }
        long initialMillis = initial.toMillis();
        long maxMillis = max.toMillis();
        // 2^(attempt-1) without overflow: beyond 2^30 the cap has long been reached.
        int doublings = Math.min(attempt - 1, 30);
        long exponential = initialMillis > (maxMillis >> doublings) ? maxMillis : initialMillis << doublings;
        long capped = Math.min(exponential, maxMillis);
        double factor = 1 - jitter + jitter * random;
        return Duration.ofMillis(Math.round(capped * factor));
    }

    public Duration initial() {
        return initial;
    }

    public Duration max() {
        return max;
    }

    public double jitter() {
        return jitter;
    }
}
