package org.openaperture.common.infrastructure;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 26, on PostgreSQL: less work for the database per row written where rows are written by the
 * thousand (heartbeats, liveness sweeps). H2 has neither setting: nothing to do there.
 *
 * <ul>
 *   <li>The pages of {@code messaging_exchange_modules} are filled to {@value #FILL_FACTOR} %, leaving room for
 *       the next version of their rows. Every heartbeat rewrites its module's row; with room beside it, the new
 *       version stays in the same page and the indexes are not touched (a heap-only update). The setting
 *       applies to pages written from now on.
 *   <li>The indexes of {@code system_events} on {@code assignee_id} and {@code condition_key} hold only the
 *       rows that have one (few do: a sweep's events have neither), so that most events are written to three
 *       indexes, not five. The queries that use them ask for a value, which is never null.
 * </ul>
 */
public final class PostgresWrites extends JavaStep {
    static final int FILL_FACTOR = 70;

    static final List<String> STATEMENTS = List.of(
            "ALTER TABLE messaging_exchange_modules SET (fillfactor = " + FILL_FACTOR + ")",
            "DROP INDEX system_events_assignee_idx",
            "CREATE INDEX system_events_assignee_idx ON system_events (assignee_id) WHERE assignee_id IS NOT NULL",
            "DROP INDEX system_events_condition_key",
            "CREATE INDEX system_events_condition_key ON system_events (condition_key)"
                    + " WHERE condition_key IS NOT NULL");

    public PostgresWrites() {
        super("26", "room for module rows' updates, partial indexes of system events");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        if (postgres(context.getConnection())) {
            try (Statement statement = context.getConnection().createStatement()) {
                for (String sql : STATEMENTS) {
                    statement.execute(sql);
                }
            }
        }
    }
}
