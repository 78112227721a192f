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
}
