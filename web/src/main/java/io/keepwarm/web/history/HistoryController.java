package io.keepwarm.web.history;

import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.contact.ContactQueries;
import io.keepwarm.application.history.HistoryPage;
import io.keepwarm.application.history.HistoryQueries;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.web.support.Paging;
import io.keepwarm.web.support.QueryInstants;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The relationship-history audit trail, oldest first, cursor-paged. */
@RestController
public class HistoryController {

    private final HistoryQueries history;
    private final ContactQueries contacts;
    private final CurrentCaller caller;

    public HistoryController(HistoryQueries history, ContactQueries contacts, CurrentCaller caller) {
        this.history = history;
        this.contacts = contacts;
        this.caller = caller;
    }

    @GetMapping("/api/contacts/{id}/history")
    public HistoryPage ofContact(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        OwnerId owner = caller.get().ownerId();
        ContactId contactId = new ContactId(id);
        // A forgotten contact's trail keeps its shape (SPEC §6): it is answered, its personal parts blanked.
        if (!contacts.isKnown(owner, contactId)) {
            throw OperationRefused.notFound("contact.not-found", "contact " + id + " not found");
        }
        return history.ofContact(owner, contactId, Paging.limit(limit, HistoryQueries.DEFAULT_LIMIT), cursor);
    }

    @GetMapping("/api/history")
    public HistoryPage ofOwner(
            @RequestParam(required = false) Instant since,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return history.ofOwner(
                caller.get().ownerId(),
                QueryInstants.checked("since", since),
                Paging.limit(limit, HistoryQueries.DEFAULT_LIMIT),
                cursor);
    }
}
