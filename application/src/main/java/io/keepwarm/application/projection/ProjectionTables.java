package io.keepwarm.application.projection;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical tables and the processor name of one version of a projection.
 *
 * <p>Version {@code N} of logical table {@code going_cold} is {@code going_cold_vN}. Version 1's processor keeps
 * the plain projection name ({@code going-cold}), whose tokens predate versioning; later versions run as
 * {@code going-cold@vN}, each with its own tokens and dead letters.
 */
public record ProjectionTables(String projection, int version, List<String> logicalTables) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    public ProjectionTables {
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1: " + version);
        }
        logicalTables = List.copyOf(logicalTables);
    }

    public static ProjectionTables of(ProjectionDefinition definition, int version) {
        return new ProjectionTables(definition.name(), version, definition.tables());
    }

    public static String processorName(String projection, int version) {
        return version == 1 ? projection : projection + "@v" + version;
    }

    public String processorName() {
        return processorName(projection, version);
    }

    /** This version's physical table behind a logical table name. */
    public String table(String logicalTable) {
        if (!logicalTables.contains(logicalTable)) {
            throw new IllegalArgumentException(projection + " has no table " + logicalTable);
        }
        return physical(logicalTable, version);
    }

    public static String physical(String logicalTable, int version) {
        return logicalTable + "_v" + version;
    }

    /**
     * SQL with each {@code {logical_table}} placeholder replaced by this version's table, so a projection's
     * statements read like ordinary SQL: {@code UPDATE {going_cold} SET ...}.
     */
    public String sql(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder sql = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(sql, table(matcher.group(1)));
        }
        matcher.appendTail(sql);
        return sql.toString();
    }
}
