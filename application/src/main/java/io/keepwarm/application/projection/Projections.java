package io.keepwarm.application.projection;

import io.keepwarm.application.OperationRefused;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The projections keepwarm has, and which of their versions exist according to the database: the active one
 * ({@code projection_version}) and the one a running rebuild builds ({@code projection_rebuild}). Every node
 * reads this, so all of them run the same processors.
 */
@Component
public class Projections {

    private final Map<String, ProjectionDefinition> definitions = new LinkedHashMap<>();
    private final JdbcTemplate jdbc;

    public Projections(List<ProjectionDefinition> definitions, JdbcTemplate jdbc) {
        definitions.forEach(definition -> this.definitions.put(definition.name(), definition));
        this.jdbc = jdbc;
    }

    public List<ProjectionDefinition> definitions() {
        return List.copyOf(definitions.values());
    }

    /** The projection of that name, or a 404-style violation. */
    public ProjectionDefinition definition(String name) {
        ProjectionDefinition definition = definitions.get(name);
        if (definition == null) {
            throw OperationRefused.notFound(
                    "projection.not-found",
                    "no projection " + name + "; there are " + String.join(", ", definitions.keySet()));
        }
        return definition;
    }

    public Map<String, Integer> activeVersions() {
        Map<String, Integer> versions = new LinkedHashMap<>();
        jdbc.query("SELECT projection, active_version FROM projection_version", rs -> {
            versions.put(rs.getString(1), rs.getInt(2));
        });
        return versions;
    }

    public int activeVersion(String name) {
        return activeVersions().getOrDefault(definition(name).name(), 1);
    }

    public List<Rebuild> running() {
        return jdbc.query(
                "SELECT " + Rebuild.COLUMNS + " FROM projection_rebuild WHERE state = 'RUNNING'", Rebuild::map);
    }

    public Optional<Rebuild> running(String name) {
        return running().stream()
                .filter(rebuild -> rebuild.projection().equals(name))
                .findFirst();
    }

    /** The most recent rebuild of the projection, running or finished. */
    public Optional<Rebuild> latestRebuild(String name) {
        return jdbc
                .query(
                        "SELECT " + Rebuild.COLUMNS
                                + " FROM projection_rebuild WHERE projection = ? ORDER BY started_at DESC, to_version DESC LIMIT 1",
                        Rebuild::map,
                        name)
                .stream()
                .findFirst();
    }

    /**
     * The streaming processors every node should run: each running rebuild's. Active versions are written inline
     * and have none.
     */
    public Map<String, ProjectionTables> wanted() {
        Map<String, ProjectionTables> wanted = new LinkedHashMap<>();
        for (Rebuild rebuild : running()) {
            ProjectionDefinition definition = definitions.get(rebuild.projection());
            if (definition != null) {
                ProjectionTables tables = ProjectionTables.of(definition, rebuild.toVersion());
                wanted.put(tables.processorName(), tables);
            }
        }
        return wanted;
    }
}
