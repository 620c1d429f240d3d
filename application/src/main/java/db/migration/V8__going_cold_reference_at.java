package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import io.keepwarm.domain.contact.GoingColdRules;

/**
 * The going-cold read model stores each row's reference instant ({@link GoingColdRules#reference}) in
 * {@code reference_at}, with an index that hands out one cadence's rows coldest first
 * (docs/adr/0008-going-cold-reference-instant.md).
 *
 * <p>A Java migration, so that existing rows are filled by the rules themselves rather than by a copy of the
 * formula in SQL. It changes every version's table (the active one and a rebuild's target, if one is running:
 * both are written by the new code), fills their rows, and recreates the {@code going_cold} view on the active
 * version, since a view's {@code SELECT *} was expanded when it was created (docs/adr/0006).
 */
public class V8__going_cold_reference_at extends BaseJavaMigration {

    private static final int CHUNK = 5_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        for (String table : goingColdTables(connection)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + table + " ADD COLUMN reference_at TIMESTAMPTZ");
                for (String index : ownerOnlyIndexes(connection, table)) {
                    statement.execute("DROP INDEX " + index);
                }
                statement.execute("CREATE INDEX " + table + "_by_reference ON " + table
                        + " (owner_id, cadence_days, reference_at, display_name COLLATE \"C\", contact_id)"
                        + " WHERE cadence_days IS NOT NULL AND NOT archived AND NOT forgotten");
            }
            backfill(connection, table);
        }
        try (Statement statement = connection.createStatement();
             ResultSet active = statement.executeQuery(
                     "SELECT active_version FROM projection_version WHERE projection = 'going-cold'")) {
            if (active.next()) {
                int version = active.getInt(1);
                try (Statement view = connection.createStatement()) {
                    view.execute("CREATE OR REPLACE VIEW going_cold AS SELECT * FROM going_cold_v" + version);
                }
            }
        }
    }

    private static List<String> goingColdTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT tablename FROM pg_tables
                     WHERE schemaname = current_schema() AND tablename ~ '^going_cold_v[0-9]+$'
                     ORDER BY tablename""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** The partial index on (owner_id) alone that the new index replaces (V5's going_cold_tracked, or its copy). */
    private static List<String> ownerOnlyIndexes(Connection connection, String table) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT indexname FROM pg_indexes
                WHERE schemaname = current_schema() AND tablename = ? AND indexdef LIKE '%(owner_id) WHERE%'""")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
        }
        return indexes;
    }

    private static void backfill(Connection connection, String table) throws SQLException {
        List<UUID> owners = new ArrayList<>();
        List<UUID> contacts = new ArrayList<>();
        List<String> references = new ArrayList<>();
        try (PreparedStatement read = connection.prepareStatement("SELECT owner_id, contact_id, cadence_days, "
                + "cadence_set_at, last_interaction_at FROM " + table + " WHERE cadence_days IS NOT NULL"
                + " AND (cadence_set_at IS NOT NULL OR last_interaction_at IS NOT NULL)")) {
            read.setFetchSize(CHUNK);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    Instant reference = GoingColdRules.reference(rs.getInt("cadence_days"),
                            instant(rs, "cadence_set_at"), instant(rs, "last_interaction_at"));
                    owners.add(rs.getObject("owner_id", UUID.class));
                    contacts.add(rs.getObject("contact_id", UUID.class));
                    references.add(reference.toString());
                    if (owners.size() == CHUNK) {
                        write(connection, table, owners, contacts, references);
                    }
                }
            }
        }
        write(connection, table, owners, contacts, references);
    }

    private static void write(Connection connection, String table, List<UUID> owners, List<UUID> contacts,
                              List<String> references) throws SQLException {
        if (owners.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                + " g SET reference_at = t.reference_at::timestamptz"
                + " FROM unnest(?::uuid[], ?::uuid[], ?::text[]) AS t(owner_id, contact_id, reference_at)"
                + " WHERE g.owner_id = t.owner_id AND g.contact_id = t.contact_id")) {
            update.setArray(1, connection.createArrayOf("uuid", owners.toArray()));
            update.setArray(2, connection.createArrayOf("uuid", contacts.toArray()));
            update.setArray(3, connection.createArrayOf("text", references.toArray()));
            update.executeUpdate();
        }
        owners.clear();
        contacts.clear();
        references.clear();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
