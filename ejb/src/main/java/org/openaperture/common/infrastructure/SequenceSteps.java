package org.openaperture.common.infrastructure;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.openaperture.common.domain.IdBlocks;

/**
 * Migration 24: the ids of rows written in sets (modules, by a batch of heartbeats; system events, by a liveness
 * sweep) are taken {@value #STEP} at a time, one sequence call per {@value #STEP} rows instead of one per row.
 * Each sequence steps by the entity's {@code allocationSize}, and one value is taken here: EclipseLink uses the
 * {@value #STEP} ids up to each value it gets, so the first value after the change (1 on a new database) must
 * not be one of them. A Java migration because taking a value is said differently by H2 and PostgreSQL.
 */
public final class SequenceSteps implements JavaMigration {
    static final int STEP = IdBlocks.SIZE;

    static final List<String> SEQUENCES = List.of("messaging_exchange_modules_seq", "system_events_seq");

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("24");
    }

    @Override
    public String getDescription() {
        return "ids of modules and system events in steps of " + STEP;
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = connection
                .getMetaData()
                .getDatabaseProductName()
                .toLowerCase(Locale.ROOT)
                .contains("postgres");
        try (Statement statement = connection.createStatement()) {
            for (String sequence : SEQUENCES) {
                statement.execute("ALTER SEQUENCE " + sequence + " INCREMENT BY " + STEP);
                statement.execute(
                        postgres ? "SELECT nextval('" + sequence + "')" : "SELECT NEXT VALUE FOR " + sequence);
            }
        }
    }
}
