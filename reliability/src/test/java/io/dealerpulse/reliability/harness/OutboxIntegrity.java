package io.dealerpulse.reliability.harness;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite's own consistency check of an outbox file ({@code PRAGMA integrity_check}), run with the same
 * sqlite-jdbc the agent uses. Opening the file also replays a write-ahead log left by a crash, as the
 * agent's next start would.
 */
public final class OutboxIntegrity {
    private OutboxIntegrity() {}

    /** {@code ["ok"]} for a sound file; otherwise SQLite's list of problems. */
    public static List<String> check(Path outbox) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + outbox.toAbsolutePath());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    /** Entries waiting in the outbox. */
    public static long depth(Path outbox) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + outbox.toAbsolutePath());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
