package io.keepwarm.application.projection;

import java.util.List;

/**
 * A read model whose active version is written inline, in each command's transaction, and which can be rebuilt
 * blue/green by a streaming event processor (docs/adr/0019-live-read-models-inline.md, 0006).
 *
 * <p>Each version of it owns physical tables ({@code going_cold_v2}); the logical table name ({@code going_cold})
 * is a view on the active version, which is what queries read. Handlers are created per
 * version and write only to their own version's tables, so two versions can run side by side.
 */
public interface ProjectionDefinition {

    /** Kebab-case name, shown in the admin API; also the processing group of version 1. */
    String name();

    /** The logical names of the projection's tables, each a view on the active version's table. */
    List<String> tables();

    /** A fresh event-handling component writing to the given version's tables. */
    Object handlersFor(ProjectionTables tables);
}
