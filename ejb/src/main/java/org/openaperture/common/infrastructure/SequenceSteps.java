package org.openaperture.common.infrastructure;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.Context;
import org.openaperture.common.domain.IdBlocks;

/**
 * Migration 24: the ids of rows written in sets (modules, by a batch of heartbeats; system events, by a liveness
 * sweep) are taken {@value #STEP} at a time, one sequence call per {@value #STEP} rows instead of one per row.
 * Each sequence steps by the entity's {@code allocationSize}, and one value is taken here: EclipseLink uses the
 * {@value #STEP} ids up to each value it gets, so the first value after the change (1 on a new database) must
 * not be one of them. A Java migration because taking a value is said differently by H2 and PostgreSQL.
 */
public final class SequenceSteps extends JavaStep {
    static final int STEP = IdBlocks.SIZE;

    static final List<String> SEQUENCES = List.of("messaging_exchange_modules_seq", "system_events_seq");

    public SequenceSteps() {
        super("24", "ids of modules and system events in steps of " + STEP);
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = postgres(connection);
        try (Statement statement = connection.createStatement()) {
            for (String sequence : SEQUENCES) {
                statement.execute("ALTER SEQUENCE " + sequence + " INCREMENT BY " + STEP);
                statement.execute(
                        postgres ? "SELECT nextval('" + sequence + "')" : "SELECT NEXT VALUE FOR " + sequence);
            }
        }
    }
}
