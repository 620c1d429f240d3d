package io.keepwarm.web.testsupport;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Every row of every table of the schema as one searchable string, for proving that something is gone. */
public final class DatabaseDump {

    private static final String UNDEFINED_TABLE = "42P01";

    private DatabaseDump() {}

    /** Every column of every row of every table, binary columns as raw bytes, the rest as text. */
    public static String of(DataSource dataSource) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (ResultSet rs = connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            StringBuilder dump = new StringBuilder();
            for (String table : tables) {
                // A table listed above may be dropped before it is read (an old read-model version a finished
                // rebuild of an earlier test drops in the background): gone, it holds nothing to find.
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData columns = rows.getMetaData();
                    while (rows.next()) {
                        for (int c = 1; c <= columns.getColumnCount(); c++) {
                            byte[] bytes = "bytea".equals(columns.getColumnTypeName(c)) ? rows.getBytes(c) : null;
                            dump.append(bytes != null ? new String(bytes, StandardCharsets.UTF_8) : rows.getString(c))
                                    .append('\u0001');
                        }
                    }
                } catch (SQLException e) {
                    if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
            return dump.toString();
        }
    }
}
