package io.keepwarm.application.projection;

import java.util.List;
import java.util.function.BiFunction;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every read model shares as an operated projection: a name, its logical tables, a factory for the handlers
 * of one version, and the read-your-writes check, which reads the logical view (the active version) with one
 * set-based query. Subclasses name the pieces; none repeats the mechanics.
 */
public abstract class VersionedReadModel implements ProjectionDefinition {

    private final JdbcTemplate jdbc;
    private final String name;
    private final List<String> tables;
    private final BiFunction<JdbcTemplate, ProjectionTables, Object> handlers;
    private final String countApplied;

    /**
     * @param countApplied SQL with parameters (contact ids, versions, owner id) counting the contacts whose
     *                     version the active tables have applied
     */
    protected VersionedReadModel(
            JdbcTemplate jdbc,
            String name,
            List<String> tables,
            BiFunction<JdbcTemplate, ProjectionTables, Object> handlers,
            String countApplied) {
        this.jdbc = jdbc;
        this.name = name;
        this.tables = List.copyOf(tables);
        this.handlers = handlers;
        this.countApplied = countApplied;
    }

    /** The check for a table whose rows carry the contact's applied {@code version}. */
    protected static String versionColumnOf(String table) {
        return """
                SELECT count(*) FROM unnest(?::uuid[], ?::bigint[]) AS w(contact_id, version)
                JOIN %s r ON r.owner_id = ? AND r.contact_id = w.contact_id AND r.version >= w.version""".formatted(table);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> tables() {
        return tables;
    }

    @Override
    public Object handlersFor(ProjectionTables versionTables) {
        return handlers.apply(jdbc, versionTables);
    }

    @Override
    public String countAppliedQuery() {
        return countApplied;
    }
}
