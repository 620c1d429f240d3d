package io.keepwarm.web.pages.imports;

import io.keepwarm.application.imports.ImportFile;
import io.keepwarm.application.imports.ImportOptions;
import io.keepwarm.domain.contact.api.OwnerId;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A file read and planned on the imports page, waiting for the person to confirm it: kept in their session (never
 * in the database, which keeps no import file: docs/imports.md), one at a time, and gone once committed, replaced
 * by the next upload or with the session. Confirming re-plans it against the contacts as they are then, exactly as
 * {@code POST /api/imports?dryRun=false} after a dry run does.
 *
 * @param uploadId what the confirm form names, so that a stale form (another upload since) commits nothing
 * @param names    the plan's display names by line, for the report, which stores none
 */
public record PendingUpload(
        UUID uploadId,
        OwnerId owner,
        String fileName,
        ImportFile file,
        ImportOptions options,
        Map<Long, String> names) {

    private static final String PENDING = PendingUpload.class.getName();
    private static final String COMMITTED = PendingUpload.class.getName() + ".committed";

    /** The names of the import last committed in this session, for its report. */
    public record Committed(UUID importId, OwnerId owner, String fileName, Map<Long, String> names) {}

    void keepIn(HttpSession session) {
        session.setAttribute(PENDING, this);
    }

    /** The upload waiting in the session, if it is this one and the owner's. */
    static Optional<PendingUpload> take(HttpSession session, UUID uploadId, OwnerId owner) {
        if (session.getAttribute(PENDING) instanceof PendingUpload pending
                && pending.uploadId().equals(uploadId)
                && pending.owner().equals(owner)) {
            session.removeAttribute(PENDING);
            return Optional.of(pending);
        }
        return Optional.empty();
    }

    void committedAs(UUID importId, HttpSession session) {
        session.setAttribute(COMMITTED, new Committed(importId, owner, fileName, names));
    }

    static Optional<Committed> committed(HttpSession session, UUID importId, OwnerId owner) {
        return session.getAttribute(COMMITTED) instanceof Committed committed
                        && committed.importId().equals(importId)
                        && committed.owner().equals(owner)
                ? Optional.of(committed)
                : Optional.empty();
    }
}
