package io.keepwarm.application.projection;

import java.util.List;
import java.util.function.BiFunction;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every read model shares as an operated projection: a name, its logical tables and a factory for the
 * handlers of one version. Subclasses name the pieces; none repeats the mechanics.
 */
public abstract class VersionedReadModel implements ProjectionDefinition {

    private final JdbcTemplate jdbc;
    private final String name;
    private final List<String> tables;
    private final BiFunction<JdbcTemplate, ProjectionTables, Object> handlers;

    protected VersionedReadModel(
            JdbcTemplate jdbc,
            String name,
            List<String> tables,
            BiFunction<JdbcTemplate, ProjectionTables, Object> handlers) {
        this.jdbc = jdbc;
        this.name = name;
        this.tables = List.copyOf(tables);
        this.handlers = handlers;
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
}
