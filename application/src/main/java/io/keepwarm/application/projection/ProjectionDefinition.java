package io.keepwarm.application.projection;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

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

    /**
     * Whether a rebuild may create this projection's new tables without their non-unique indexes and create those
     * once the replay is finished ({@link RebuildReplay}): only for handlers that find every row they write by a
     * primary key or unique index, as a missing index would otherwise turn each lookup into a scan.
     */
    default boolean defersIndexes() {
        return false;
    }

    /**
     * Whether this projection's handlers read the notes of interactions (and the reasons of retractions). A rebuild
     * of one that does not reads its events from a source of its own that leaves every note unread, as absent
     * ({@code ReplaySources}, docs/adr/0030): about a third of decoding an interaction event is unsealing its note.
     */
    default boolean readsNotes() {
        return true;
    }

    /**
     * Completes, set-based, what this projection's handlers leave undone in a rebuild's batches while
     * {@link RebuildReplay#deferring()}: called once, in the finishing step's transaction, with no batch of the version
     * in flight, before the deferred indexes are created. Default: nothing is deferred.
     */
    default void finishReplay(JdbcTemplate jdbc, ProjectionTables tables) {}
}
