package org.openaperture.messaging.registry.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.openaperture.common.infrastructure.DatabaseMigrator;

/**
 * The migrations must run unchanged on H2 (the embedded default) as on PostgreSQL (exercised by the
 * container and end-to-end tests), and the uniqueness the API promises must hold in the database too.
 */
class MigrationsOnH2Test {
    private static final String URL = "jdbc:h2:mem:migrations;DB_CLOSE_DELAY=-1";

    @Test
    void migrationsApplyAndEnforceUniqueNames() throws SQLException {
        var flyway = DatabaseMigrator.migrations(getClass().getClassLoader())
                .dataSource(URL, "sa", "")
                .load();
        var result = flyway.migrate();

        assertEquals(flyway.info().applied().length, result.migrationsExecuted);
        assertEquals(0, flyway.info().pending().length);
        try (Connection c = DriverManager.getConnection(URL, "sa", "");
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO messaging_exchanges (id, name, inserted_at, updated_at) "
                    + "VALUES (NEXT VALUE FOR messaging_exchanges_seq, 'AWS', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            SQLException duplicate = assertThrows(
                    SQLException.class,
                    () -> s.execute(
                            "INSERT INTO messaging_exchanges (id, name, inserted_at, updated_at) "
                                    + "VALUES (NEXT VALUE FOR messaging_exchanges_seq, 'AWS', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"));
            assertEquals("23505", duplicate.getSQLState());
        }
    }

    @Test
    void versionConditionsOpenUnderTheFormerKeys_keyedByTheirModule() throws SQLException {
        String url = "jdbc:h2:mem:version-conditions;DB_CLOSE_DELAY=-1";
        DatabaseMigrator.migrations(getClass().getClassLoader())
                .dataSource(url, "sa", "")
                .target("24")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            s.execute(event(1, "module_version_mismatch:7:b-1:0.9.0", "{\"module_version\":\"0.9.0\"}", false));
            s.execute(event(2, "module_version_mismatch:7:b-2:0.8.0", "{\"module_version\":\"0.8.0\"}", true));
            s.execute(event(3, "failed_unit:7:a", "{}", false));

            DatabaseMigrator.migrations(getClass().getClassLoader())
                    .dataSource(url, "sa", "")
                    .load()
                    .migrate();

            var keys = new java.util.TreeMap<Long, String>();
            try (var rows = s.executeQuery("SELECT id, condition_key FROM system_events")) {
                while (rows.next()) {
                    keys.put(rows.getLong(1), rows.getString(2));
                }
            }
            assertEquals(
                    java.util.Map.of(
                            1L, "module_version_mismatch:7:b-1",
                            2L, "module_version_mismatch:7:b-2:0.8.0",
                            3L, "failed_unit:7:a"),
                    keys,
                    "the open version condition re-keyed by its module; a cleared one and other conditions as they were");
        }
    }

    private static String event(long id, String key, String data, boolean cleared) {
        return "INSERT INTO system_events (id, type, severity, data, condition_key, condition_cleared_at, inserted_at,"
                + " updated_at) VALUES (" + id + ", '" + key.substring(0, key.indexOf(':')) + "', 'warning', '" + data
                + "', '" + key + "', " + (cleared ? "CURRENT_TIMESTAMP" : "NULL")
                + ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)";
    }
}
