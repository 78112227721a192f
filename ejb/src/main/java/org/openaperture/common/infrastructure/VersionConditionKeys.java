package org.openaperture.common.infrastructure;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 25: a module's version-mismatch condition is keyed by the module alone ({@code
 * module_version_mismatch:<exchange>:<hostname>}), no longer by the module and the version it reported, so
 * that a batch of heartbeats finds its modules' conditions by their keys in one indexed lookup. The conditions
 * open under the former keys are re-keyed (the version they end with is the one in their data), so that none
 * stays open forever and none is raised twice. A Java migration because the version is read from the data.
 */
public final class VersionConditionKeys extends JavaStep {
    static final String TYPE = "module_version_mismatch";

    public VersionConditionKeys() {
        super("25", "version conditions keyed by module");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        Map<Long, String> rekeyed = new LinkedHashMap<>();
        try (PreparedStatement open = connection.prepareStatement("SELECT id, condition_key, data FROM system_events"
                + " WHERE type = ? AND condition_key IS NOT NULL AND condition_cleared_at IS NULL")) {
            open.setString(1, TYPE);
            try (ResultSet rows = open.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString(2);
                    String suffix = ":" + reportedVersion(rows.getString(3));
                    if (key.endsWith(suffix)) {
                        rekeyed.put(rows.getLong(1), key.substring(0, key.length() - suffix.length()));
                    }
                }
            }
        }
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE system_events SET condition_key = ? WHERE id = ?")) {
            for (var row : rekeyed.entrySet()) {
                update.setString(1, row.getValue());
                update.setLong(2, row.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** The {@code module_version} of an event's data; empty when it has none. */
    static String reportedVersion(String data) {
        if (data == null) {
            return "";
        }
        try (var reader = JSON.createReader(new StringReader(data))) {
            JsonObject object = reader.readObject();
            return object.get("module_version") instanceof JsonString version ? version.getString() : "";
        } catch (RuntimeException notAnObject) {
            return "";
        }
    }
}
