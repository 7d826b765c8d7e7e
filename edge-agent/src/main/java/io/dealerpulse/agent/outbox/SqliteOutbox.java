package io.dealerpulse.agent.outbox;

import io.dealerpulse.agent.config.AgentConfig;
import io.dealerpulse.agent.decode.CounterState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Outbox} on SQLite in WAL mode (sqlite-jdbc). Why SQLite: a transaction spans the entries and
 * the counter states (a crash can neither lose nor double a delta), the file is one well-proven format
 * a site's IT person can inspect with {@code sqlite3}, and the measurement in {@code docs/edge-agent.md}
 * shows group commits far above a site's message rate.
 *
 * <p>Fsync policy ({@link AgentConfig.SyncMode}): {@code FULL} fsyncs the WAL at each commit, so an
 * acknowledged message survives a process kill and, as far as the disk honours fsync, a power cut;
 * {@code NORMAL} survives a process kill only. The cost is one fsync per group commit, not per message.
 *
 * <p>One connection guarded by this object's monitor: the committer, the forwarder and the status
 * reader take turns. Depth, bytes and counter states are cached in memory (loaded at open, updated
 * after each successful commit) so that status reads never touch the disk.
 */
public final class SqliteOutbox implements Outbox {
    private final Connection connection;
    private final long maxEntries;
    private final long maxBytes;
    private final Map<String, CounterState> counters = new HashMap<>();
    private long depth;
    private long bytes;
    private volatile boolean writable = true;
    private Instant oldestCreatedAt;

    private SqliteOutbox(Connection connection, long maxEntries, long maxBytes) {
        this.connection = connection;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    public static SqliteOutbox open(AgentConfig.Outbox options) throws OutboxException {
        return open(options.path(), options.sync(), options.maxEntries(), options.maxBytes());
    }

    public static SqliteOutbox open(Path path, AgentConfig.SyncMode sync, long maxEntries, long maxBytes)
            throws OutboxException {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=" + sync.name());
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                        + " topic TEXT NOT NULL, record_key TEXT NOT NULL, event_id TEXT NOT NULL,"
                        + " value BLOB NOT NULL, created_at INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS counter_state (counter_key TEXT PRIMARY KEY,"
                        + " epoch_ms INTEGER NOT NULL, total INTEGER NOT NULL)");
            }
            connection.setAutoCommit(false);
            SqliteOutbox outbox = new SqliteOutbox(connection, maxEntries, maxBytes);
            outbox.loadCaches();
            return outbox;
        } catch (SQLException | IOException e) {
            throw new OutboxException("cannot open the outbox at " + path + " (" + e.getMessage()
                    + "): check that the directory exists, is on a local disk and is writable by the agent", e);
        }
    }

    private void loadCaches() throws SQLException {
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(LENGTH(value)), 0),"
                    + " MIN(created_at) FROM outbox")) {
                rs.next();
                depth = rs.getLong(1);
                bytes = rs.getLong(2);
                long oldest = rs.getLong(3);
                oldestCreatedAt = rs.wasNull() ? null : Instant.ofEpochMilli(oldest);
            }
            try (ResultSet rs = s.executeQuery("SELECT counter_key, epoch_ms, total FROM counter_state")) {
                while (rs.next()) {
                    counters.put(rs.getString(1),
                            new CounterState(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getLong(3)));
                }
            }
        }
        connection.commit();
    }

    @Override
    public synchronized void append(List<OutboxEntry> entries, Collection<CounterState> counterUpdates)
            throws OutboxFullException, OutboxException {
        long addedBytes = entries.stream().mapToLong(e -> e.value().length).sum();
        if (!entries.isEmpty() && (depth + entries.size() > maxEntries || bytes + addedBytes > maxBytes)) {
            throw new OutboxFullException("outbox full: " + depth + " entries / " + bytes + " bytes stored (caps "
                    + maxEntries + " / " + maxBytes + ")");
        }
        try {
            if (!entries.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox"
                        + " (topic, record_key, event_id, value, created_at) VALUES (?, ?, ?, ?, ?)")) {
                    for (OutboxEntry e : entries) {
                        insert.setString(1, e.topic());
                        insert.setString(2, e.key());
                        insert.setString(3, e.eventId());
                        insert.setBytes(4, e.value());
                        insert.setLong(5, e.createdAt().toEpochMilli());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            if (!counterUpdates.isEmpty()) {
                try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO counter_state"
                        + " (counter_key, epoch_ms, total) VALUES (?, ?, ?) ON CONFLICT(counter_key)"
                        + " DO UPDATE SET epoch_ms = excluded.epoch_ms, total = excluded.total")) {
                    for (CounterState c : counterUpdates) {
                        upsert.setString(1, c.key());
                        upsert.setLong(2, c.epoch().toEpochMilli());
                        upsert.setLong(3, c.total());
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
            }
            connection.commit();
            writable = true;
        } catch (SQLException e) {
            rollbackQuietly();
            writable = false;
            throw new OutboxException("could not write " + entries.size() + " entries to the outbox ("
                    + e.getMessage() + "): check free disk space and the outbox file's permissions", e);
        }
        depth += entries.size();
        bytes += addedBytes;
        if (oldestCreatedAt == null && !entries.isEmpty()) {
            oldestCreatedAt = entries.get(0).createdAt();
        }
        for (CounterState c : counterUpdates) {
            counters.put(c.key(), c);
        }
    }

    @Override
    public synchronized Optional<CounterState> counter(String key) {
        return Optional.ofNullable(counters.get(key));
    }

    @Override
    public synchronized List<StoredEntry> oldest(int max) throws OutboxException {
        List<StoredEntry> result = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, topic, record_key, event_id,"
                + " value, created_at FROM outbox ORDER BY seq LIMIT ?")) {
            select.setInt(1, max);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result.add(new StoredEntry(rs.getLong(1), new OutboxEntry(rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getBytes(5), Instant.ofEpochMilli(rs.getLong(6)))));
                }
            }
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new OutboxException("could not read the outbox: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void remove(Collection<Long> sequences) throws OutboxException {
        if (sequences.isEmpty()) {
            return;
        }
        long removedBytes = 0;
        int removed = 0;
        try {
            try (PreparedStatement size = connection.prepareStatement(
                    "SELECT LENGTH(value) FROM outbox WHERE seq = ?");
                    PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
                for (long seq : sequences) {
                    size.setLong(1, seq);
                    try (ResultSet rs = size.executeQuery()) {
                        if (rs.next()) {
                            removedBytes += rs.getLong(1);
                            removed++;
                        }
                    }
                    delete.setLong(1, seq);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            Instant oldest = null;
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT created_at FROM outbox ORDER BY seq LIMIT 1")) {
                if (rs.next()) {
                    oldest = Instant.ofEpochMilli(rs.getLong(1));
                }
            }
            connection.commit();
            depth -= removed;
            bytes -= removedBytes;
            oldestCreatedAt = oldest;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new OutboxException("could not remove delivered entries from the outbox: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized long depth() {
        return depth;
    }

    @Override
    public synchronized long bytes() {
        return bytes;
    }

    @Override
    public synchronized Optional<Instant> oldestCreatedAt() {
        return Optional.ofNullable(oldestCreatedAt);
    }

    @Override
    public boolean writable() {
        return writable;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing only releases the file; every commit is already durable.
        }
    }

    /**
     * Discards the failed transaction and begins the next one. On a full disk (SQLITE_FULL) and some I/O
     * errors SQLite has already rolled the transaction back itself; sqlite-jdbc's {@code rollback()} then
     * fails ("no transaction is active") before it begins the next transaction, which left the connection
     * in SQLite's autocommit mode: every later statement committed on its own and every {@code commit()}
     * failed, so the agent never recovered when space returned and re-inserted the same batch each retry
     * (found by the reliability suite's DiskFullIT). Beginning the transaction here restores the state.
     */
    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException alreadyRolledBack) {
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN");
            } catch (SQLException stillInTransaction) {
                // A transaction is open after all: the next commit or rollback ends it.
            }
        }
    }
}
