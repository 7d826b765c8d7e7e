package io.dealerpulse.jobs.sink;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the sink writes.
 *
 * @param url InfluxDB 1.x HTTP endpoint, e.g. {@code http://influxdb:8086}
 * @param user null or empty for an InfluxDB without authentication
 * @param password never logged ({@link #toString()} hides it)
 * @param database the database of points that do not name their own ({@link InfluxPoint#database(String)})
 * @param retentionPolicy null for the database's default retention policy
 * @param batchSize points buffered per subtask before a write is forced
 * @param flushInterval longest time a point waits in the buffer (besides checkpoints, which always flush)
 * @param requestTimeout bound of one HTTP attempt (connect, send, answer)
 * @param backoff waits between attempts of a failing write
 */
public record InfluxDbSinkOptions(String url, String user, String password, String database, String retentionPolicy,
        int batchSize, Duration flushInterval, Duration requestTimeout, RetryBackoff backoff) implements Serializable {

    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final RetryBackoff DEFAULT_BACKOFF = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.5);

    public InfluxDbSinkOptions {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(backoff, "backoff");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive, got " + flushInterval);
        }
        if (retentionPolicy != null && retentionPolicy.isBlank()) {
            retentionPolicy = null;
        }
    }

    /** Defaults for everything but the address, database and credentials. */
    public static InfluxDbSinkOptions of(String url, String database, String user, String password) {
        return new InfluxDbSinkOptions(url, user, password, database, null, DEFAULT_BATCH_SIZE, DEFAULT_FLUSH_INTERVAL,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_BACKOFF);
    }

    public InfluxDbSinkOptions withRetentionPolicy(String policy) {
        return new InfluxDbSinkOptions(url, user, password, database, policy, batchSize, flushInterval, requestTimeout,
                backoff);
    }

    public InfluxDbSinkOptions withBatching(int size, Duration interval) {
        return new InfluxDbSinkOptions(url, user, password, database, retentionPolicy, size, interval, requestTimeout,
                backoff);
    }

    public InfluxDbSinkOptions withRetries(Duration timeoutPerAttempt, RetryBackoff retryBackoff) {
        return new InfluxDbSinkOptions(url, user, password, database, retentionPolicy, batchSize, flushInterval,
                timeoutPerAttempt, retryBackoff);
    }

    @Override
    public String toString() {
        return "InfluxDbSinkOptions[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", database=" + database + ", retentionPolicy=" + retentionPolicy + ", batchSize=" + batchSize
                + ", flushInterval=" + flushInterval + ", requestTimeout=" + requestTimeout + ", backoff="
                + backoff.initial() + ".." + backoff.max() + " jitter " + backoff.jitter() + "]";
    }
}
