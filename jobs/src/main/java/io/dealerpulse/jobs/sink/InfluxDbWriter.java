package io.dealerpulse.jobs.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers points per target database and writes them synchronously, in three cases:
 * <ol>
 *   <li>{@link #flush(boolean)} - Flink calls it before a checkpoint barrier leaves the sink, so a
 *       checkpoint never completes while points it covers are still only in memory (at-least-once;
 *       the points are idempotent, so a replay overwrites them with the same values);
 *   <li>a processing-time timer every {@code flushInterval}, so a point's latency is bounded by the
 *       interval and not by the checkpoint interval;
 *   <li>when {@code batchSize} points are buffered.
 * </ol>
 * All three run on the task thread (timers go through the mailbox), so the buffer needs no locks.
 *
 * <p>A write that gets no answer or a 5xx is retried with exponential backoff and jitter, for as long
 * as it takes: the task blocks and the job back-pressures. Checkpoints taken meanwhile cannot
 * complete; the job's checkpoint timeout and tolerable failed checkpoints are set so that an outage
 * of a minute or so does not restart it (see {@code KpiJob}). A 400 is not retried: the batch is split
 * in halves until the rejected points are isolated, each is logged with InfluxDB's reason and counted
 * in {@code influxPointsRejected}, and the rest are written (a re-write of an accepted point is
 * harmless: same series, same timestamp, same fields).
 *
 * <p>A tombstone point ({@link InfluxPoint#isTombstone()}) is executed as an InfluxQL DELETE of that
 * series point, in order with the writes: everything buffered is written first, so a delete never
 * overtakes an earlier write of the same point, and a later rewrite (e.g. the window under its new
 * tags) is buffered after it. Deletes are rare (a registry version read after the windows it
 * governs), so writing the buffer early for them costs nothing measurable. Retries as for writes; a
 * statement InfluxDB refuses is counted as rejected and logged.
 *
 * <p>A point routed to a database of its own ({@link InfluxPoint#getDatabase()}, e.g. an investor
 * group's) makes the writer run {@code CREATE DATABASE} for it once, before the first write there
 * (idempotent in InfluxDB 1.x, so subtasks and restarts may repeat it). A user without the right to
 * create databases (HTTP 403, the normal case for the jobs' write-only user) is not an error: the
 * database is then expected to be provisioned ({@code InfluxAccessProvisioner}), and a write to a
 * database that is missing after all fails the job saying so. The sink's own database is never
 * created: it must exist.
 */
final class InfluxDbWriter implements SinkWriter<InfluxPoint> {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxDbWriter.class);

    private record Target(String database, String retentionPolicy) {}

    private final InfluxDbSinkOptions options;
    private final InfluxWriteClient client;
    private final ProcessingTimeService timeService;
    private final InfluxSinkMetrics metrics;
    private final Map<Target, List<String>> buffer = new LinkedHashMap<>();
    /** Routed databases this writer has made sure of (created, or found it may not create them). */
    private final Set<String> ensuredDatabases = new HashSet<>();
    private final Set<String> notCreatable = new HashSet<>();
    private int buffered;
    private ScheduledFuture<?> timer;
    private boolean closed;

    InfluxDbWriter(InfluxDbSinkOptions options, InfluxWriteClient client, ProcessingTimeService timeService,
            InfluxSinkMetrics metrics) {
        this.options = options;
        this.client = client;
        this.timeService = timeService;
        this.metrics = metrics;
        scheduleFlush();
    }

    @Override
    public void write(InfluxPoint point, Context context) throws IOException, InterruptedException {
        if (point.isTombstone()) {
            delete(point);
            return;
        }
        String line;
        try {
            line = LineProtocol.toLine(point);
        } catch (InvalidPointException e) {
            metrics.rejected(1);
            LOG.error("Dropped a point InfluxDB cannot store: {}. Point: {}. Fix the operator that emits it.",
                    e.getMessage(), point);
            return;
        }
        String database = point.getDatabase() != null ? point.getDatabase() : options.database();
        ensureRouted(point.getDatabase());
        buffer.computeIfAbsent(new Target(database, options.retentionPolicy()), t -> new ArrayList<>()).add(line);
        if (++buffered >= options.batchSize()) {
            writeBuffered();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writeBuffered();
    }

    /** Buffered points of a failed or cancelled task are not written: the job replays them from its checkpoint. */
    @Override
    public void close() {
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        client.close();
    }

    private void scheduleFlush() {
        long next = timeService.getCurrentProcessingTime() + options.flushInterval().toMillis();
        timer = timeService.registerTimer(next, now -> {
            if (!closed) {
                writeBuffered();
                scheduleFlush();
            }
        });
    }

    private void delete(InfluxPoint tombstone) throws IOException, InterruptedException {
        String statement;
        try {
            statement = LineProtocol.deleteStatement(tombstone);
        } catch (InvalidPointException e) {
            metrics.rejected(1);
            LOG.error("Dropped a delete InfluxDB cannot run: {}. Tombstone: {}. Fix the operator that emits it.",
                    e.getMessage(), tombstone);
            return;
        }
        writeBuffered();
        ensureRouted(tombstone.getDatabase());
        String database = tombstone.getDatabase() != null ? tombstone.getDatabase() : options.database();
        WriteFailure rejection = untilAnswered("1 delete", database,
                () -> client.execute(database, statement));
        if (rejection != null) {
            metrics.rejected(1);
            LOG.error("InfluxDB refused a delete on database {} ({}); the point stays. Statement: {}", database,
                    rejection.describe(), statement);
        }
    }

    /** Runs {@code CREATE DATABASE} once per routed database; null (the sink's database) is left alone. */
    private void ensureRouted(String database) throws IOException, InterruptedException {
        if (database == null || !ensuredDatabases.add(database)) {
            return;
        }
        String statement = "CREATE DATABASE \"" + database.replace("\"", "\\\"") + "\"";
        WriteFailure rejection = untilAnswered("CREATE DATABASE", database, () -> {
            try {
                client.execute(database, statement);
            } catch (WriteFailure failure) {
                if (failure.httpStatus() != 403) {
                    throw failure;
                }
                notCreatable.add(database);
                LOG.info("InfluxDB user '{}' may not create database {} ({}); expecting it to be provisioned"
                        + " (InfluxAccessProvisioner, docs/influxdb-security.md)", options.user(), database,
                        failure.describe());
            }
        });
        if (rejection != null) {
            throw new IOException("InfluxDB at " + options.url() + " refused to create database '" + database + "' ("
                    + rejection.describe() + "); check the investor-group database prefix (influx.group-database-prefix)",
                    rejection);
        }
    }

    private void writeBuffered() throws IOException, InterruptedException {
        if (buffered == 0) {
            return;
        }
        for (Map.Entry<Target, List<String>> batch : buffer.entrySet()) {
            writeIsolatingRejects(batch.getKey(), batch.getValue());
        }
        buffer.clear();
        buffered = 0;
    }

    private void writeIsolatingRejects(Target target, List<String> lines) throws IOException, InterruptedException {
        WriteFailure rejection = writeUntilAnswered(target, lines);
        if (rejection == null) {
            return;
        }
        if (lines.size() == 1) {
            metrics.rejected(1);
            LOG.error("InfluxDB rejected a point for database {} ({}); it is dropped, not retried. Point: {}"
                    + " - typically a field written with another type than before: fix the emitting operator,"
                    + " or drop the conflicting series.", target.database(), rejection.describe(), lines.get(0));
            return;
        }
        LOG.debug("InfluxDB rejected part of a batch of {} points ({}); isolating the rejected points",
                lines.size(), rejection.describe());
        int half = lines.size() / 2;
        writeIsolatingRejects(target, lines.subList(0, half));
        writeIsolatingRejects(target, lines.subList(half, lines.size()));
    }

    /**
     * Writes until InfluxDB answers with success (null) or a rejection of the points (returned).
     *
     * @throws IOException when InfluxDB refuses the sink itself (credentials, permissions, no database)
     * @throws InterruptedException when the task is cancelled during a backoff
     */
    private WriteFailure writeUntilAnswered(Target target, List<String> lines) throws IOException, InterruptedException {
        String body = String.join("\n", lines);
        WriteFailure rejection = untilAnswered(lines.size() + " points", target.database(),
                () -> client.write(target.database(), target.retentionPolicy(), body));
        if (rejection == null) {
            metrics.written(lines.size(), body.getBytes(StandardCharsets.UTF_8).length);
        }
        return rejection;
    }

    /** One request to InfluxDB: a write or a delete. */
    @FunctionalInterface
    private interface Request {
        void send() throws WriteFailure;
    }

    /**
     * Sends until InfluxDB answers with success (null) or a rejection (returned).
     *
     * @throws IOException when InfluxDB refuses the sink itself (credentials, permissions, no database)
     * @throws InterruptedException when the task is cancelled during a backoff
     */
    private WriteFailure untilAnswered(String what, String database, Request request)
            throws IOException, InterruptedException {
        int retries = 0;
        while (true) {
            try {
                request.send();
                if (retries > 0) {
                    LOG.info("InfluxDB accepted {} for database {} after {} retries", what, database, retries);
                }
                return null;
            } catch (WriteFailure failure) {
                switch (failure.kind()) {
                    case REJECTED:
                        return failure;
                    case FATAL:
                        throw new IOException("InfluxDB at " + options.url() + " refuses writes to database '"
                                + database + "' (" + failure.describe() + "). Check that the database"
                                + " exists (CREATE DATABASE), and that influx.user/influx.password name a user with"
                                + " WRITE on it." + (notCreatable.contains(database) ? " The user may not create it:"
                                + " provision it with InfluxAccessProvisioner (docs/influxdb-security.md)." : ""),
                                failure);
                    case RETRY:
                    default:
                        retries++;
                        metrics.retried();
                        Duration wait = options.backoff().delay(retries, ThreadLocalRandom.current().nextDouble());
                        LOG.warn("Writing {} to InfluxDB at {} (database {}) failed ({}); retry {} in {} ms."
                                + " The job waits (back-pressure) until InfluxDB accepts writes.", what,
                                options.url(), database, failure.describe(), retries, wait.toMillis());
                        Thread.sleep(wait.toMillis());
                }
            }
        }
    }
}
