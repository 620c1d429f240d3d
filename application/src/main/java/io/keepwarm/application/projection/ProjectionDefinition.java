package io.keepwarm.application.projection;

import io.keepwarm.application.eventstore.ReadYourWrites;
import java.util.List;

/**
 * A read model that is fed by its own streaming event processor and can be rebuilt blue/green
 * (docs/adr/0006-blue-green-projection-rebuilds.md).
 *
 * <p>Each version of it owns physical tables ({@code going_cold_v2}); the logical table name ({@code going_cold})
 * is a view on the active version, which is what queries and read-your-writes read. Handlers are created per
 * version and write only to their own version's tables, so two versions can run side by side.
 */
public interface ProjectionDefinition extends ReadYourWrites.AppliedVersions {

    /** Kebab-case name, shown in the admin API; also the processing group of version 1. */
    @Override
    String name();

    /** The logical names of the projection's tables, each a view on the active version's table. */
    List<String> tables();

    /** A fresh event-handling component writing to the given version's tables. */
    Object handlersFor(ProjectionTables tables);
}
