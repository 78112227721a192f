package org.openaperture.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.openaperture.testsupport.Heartbeats;

/**
 * The node's database as a change that queues messages sees it: heartbeats put into the outbox in one
 * transaction (ids {@code <prefix>-<n>}), and what the consumers recorded. Over JDBC ({@code it.db.url}).
 */
public final class Outbox {
    private Outbox() {}

    /** Queues {@code count} heartbeats of modules {@code <prefix>-0} … {@code <prefix>-9} for US-EAST-1. */
    public static void queueHeartbeats(String prefix, long exchangeId, int count, String moduleType)
            throws SQLException {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        try (Connection db = database();
                PreparedStatement insert = db.prepareStatement("INSERT INTO outbox_messages (id,"
                        + " messaging_exchange_id, queue, type, body, attempts, next_attempt_at, inserted_at)"
                        + " VALUES (?, ?, 'system_modules', 'status', ?, 0, ?, ?)")) {
            db.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                insert.setString(1, prefix + "-" + i);
                insert.setLong(2, exchangeId);
                insert.setString(3, Heartbeats.status(prefix + "-" + (i % 10), moduleType));
                insert.setTimestamp(4, Timestamp.valueOf(now));
                insert.setTimestamp(5, Timestamp.valueOf(now.plusNanos(i * 1000L)));
                insert.addBatch();
            }
            insert.executeBatch();
            db.commit();
        }
    }

    /** Messages with the prefix still waiting to be confirmed by a broker. */
    public static int pending(String prefix) {
        return count("SELECT COUNT(*) FROM outbox_messages WHERE id LIKE ?", prefix);
    }

    /** Messages with the prefix the system_modules consumer had its effect for (one row each, at most). */
    public static int processed(String prefix) {
        return count(
                "SELECT COUNT(*) FROM processed_messages WHERE consumer = 'system_modules' AND message_id LIKE ?",
                prefix);
    }

    /** Modules whose hostname starts with the prefix, in any exchange. */
    public static int modules(String prefix) {
        return count("SELECT COUNT(*) FROM messaging_exchange_modules WHERE hostname LIKE ?", prefix);
    }

    /** Modules whose hostname starts with the prefix and whose status is inactive. */
    public static int inactiveModules(String prefix) {
        return count(
                "SELECT COUNT(*) FROM messaging_exchange_modules WHERE status = 'inactive' AND hostname LIKE ?",
                prefix);
    }

    /**
     * Sets the last report of the modules whose hostname starts with the prefix {@code silence} ago (UTC, as the
     * node keeps it), as if they had not been heard from since, however long ago they last reported; returns how
     * many.
     */
    public static int ageModules(String prefix, Duration silence) {
        try (Connection db = database();
                PreparedStatement update = db.prepareStatement("UPDATE messaging_exchange_modules SET updated_at ="
                        + " (CURRENT_TIMESTAMP AT TIME ZONE 'UTC') - CAST(? AS INTERVAL) WHERE hostname LIKE ?")) {
            update.setString(1, silence.toSeconds() + " seconds");
            update.setString(2, prefix + "-%");
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code VACUUM ANALYZE} of the database: what PostgreSQL's autovacuum does on its own after a load like the
     * bench's heartbeats, for a server where it is off. Without statistics the planner takes the modules table
     * for a few rows and sorts all of them for a page.
     */
    public static void vacuumAnalyze() {
        try (Connection db = database();
                var statement = db.createStatement()) {
            statement.execute("VACUUM ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Rows inserted into {@code processed_messages} since the statistics were reset, as PostgreSQL's statistics
     * count them over {@code db}: cheap to ask often (no scan), and up to a second behind.
     */
    public static long processedInserts(Connection db) {
        try (PreparedStatement query = db.prepareStatement(
                        "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'processed_messages'");
                ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(String sql, String prefix) {
        try (Connection db = database();
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, prefix + "-%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Connection database() throws SQLException {
        return DriverManager.getConnection(
                System.getProperty("it.db.url"),
                System.getProperty("it.db.user", "openaperture"),
                System.getProperty("it.db.password", "openaperture"));
    }
}
