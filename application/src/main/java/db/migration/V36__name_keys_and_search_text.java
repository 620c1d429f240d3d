package db.migration;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.application.contact.SearchText;
import io.keepwarm.domain.contact.NameOrder;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills in V35's derived columns for the rows already there: a collation key and folded search text are computed
 * by the same Java code ({@link NameOrder}, {@link SearchText}) that the projections use from now on, which no SQL
 * function could reproduce. Forgotten rows keep the blank defaults.
 */
public class V36__name_keys_and_search_text extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        for (String table : tables(connection, "^contact_view_v[0-9]+$")) {
            List<Object[]> rows = new ArrayList<>();
            try (Statement select = connection.createStatement();
                    ResultSet rs = select.executeQuery("SELECT owner_id, contact_id, display_name, organization, role, "
                            + "city, tags, channels::text FROM " + table + " WHERE NOT forgotten")) {
                while (rs.next()) {
                    String name = rs.getString(3);
                    Map<String, String> channels = JSON.readValue(rs.getString(8), new TypeReference<>() {});
                    Array tags = rs.getArray(7);
                    SearchText.Indexed indexed = SearchText.Indexed.of(
                            name,
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            tags == null ? List.of() : List.of((String[]) tags.getArray()),
                            channels);
                    rows.add(new Object[] {
                        NameOrder.key(name),
                        indexed.name(),
                        indexed.text(),
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class)
                    });
                }
            }
            update(
                    connection,
                    "UPDATE " + table + " SET sort_key = ?, search_name = ?, search_text = ? "
                            + "WHERE owner_id = ? AND contact_id = ?",
                    rows);
        }
        for (String table : tables(connection, "^going_cold_v[0-9]+$")) {
            List<Object[]> rows = new ArrayList<>();
            try (Statement select = connection.createStatement();
                    ResultSet rs = select.executeQuery(
                            "SELECT owner_id, contact_id, display_name FROM " + table + " WHERE NOT forgotten")) {
                while (rs.next()) {
                    rows.add(new Object[] {
                        NameOrder.key(rs.getString(3)), rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)
                    });
                }
            }
            update(connection, "UPDATE " + table + " SET sort_key = ? WHERE owner_id = ? AND contact_id = ?", rows);
        }
    }

    private static List<String> tables(Connection connection, String pattern) throws Exception {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename ~ ?")) {
            statement.setString(1, pattern);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private static void update(Connection connection, String sql, List<Object[]> rows) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int pending = 0;
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    statement.setObject(i + 1, row[i]);
                }
                statement.addBatch();
                if (++pending == 1000) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }
}
