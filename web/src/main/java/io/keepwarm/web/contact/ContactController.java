package io.keepwarm.web.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.contact.ContactCommands;
import io.keepwarm.application.contact.ContactPage;
import io.keepwarm.application.contact.ContactQueries;
import io.keepwarm.application.contact.ContactView;
import io.keepwarm.application.privacy.ContactExport;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.web.contact.ContactRequests.AddContactRequest;
import io.keepwarm.web.contact.ContactRequests.CadenceRequest;
import io.keepwarm.web.contact.ContactRequests.ContactVersion;
import io.keepwarm.web.contact.ContactRequests.SnoozeRequest;
import io.keepwarm.web.support.ETags;
import io.keepwarm.web.support.Paging;
import io.keepwarm.web.support.QueryLists;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contacts: add, list, read, patch, cadence, snooze, archive and restore. */
@RestController
@RequestMapping("/api/contacts")
public class ContactController {

    /** A page of contacts. */
    public record ContactListResponse(List<ContactResponse> items, String nextCursor) {}

    private final ContactCommands commands;
    private final ContactQueries queries;
    private final ContactExport export;
    private final CurrentCaller caller;
    private final Clock clock;
    private final ObjectMapper json;

    public ContactController(
            ContactCommands commands,
            ContactQueries queries,
            ContactExport export,
            CurrentCaller caller,
            Clock clock,
            ObjectMapper json) {
        this.commands = commands;
        this.queries = queries;
        this.export = export;
        this.caller = caller;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Adds a contact. With an {@code Idempotency-Key} header, sending the same body with the same key again answers
     * the first response (with {@code Idempotent-Replayed: true}) and appends nothing; another body is a 409.
     */
    @PostMapping
    public ResponseEntity<ContactVersion> add(
            @RequestBody AddContactRequest request,
            @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String idempotencyKey) {
        ContactId contactId = ContactId.random();
        if (idempotencyKey == null) {
            long version = commands.add(contactId, request.personal(), request.attributes(), request.knownSince())
                    .versionOf(contactId);
            return added(contactId, version).body(new ContactVersion(contactId.value(), version));
        }
        var once = commands.addOnce(
                IdempotencyKeyHeader.key(idempotencyKey),
                IdempotencyKeyHeader.digest(json, request),
                contactId,
                request.personal(),
                request.attributes(),
                request.knownSince());
        var response = added(once.contactId(), once.version());
        if (once.replayed()) {
            response.header(IdempotencyKeyHeader.REPLAYED, "true");
        }
        return response.body(new ContactVersion(once.contactId().value(), once.version()));
    }

    private static ResponseEntity.BodyBuilder added(ContactId contactId, long version) {
        return ResponseEntity.created(URI.create("/api/contacts/" + contactId)).eTag(ETags.of(version));
    }

    @GetMapping
    public ContactListResponse list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String[] tag,
            @RequestParam(required = false) String city,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        ContactPage page = queries.list(
                caller.get().ownerId(),
                q,
                QueryLists.items("tag", tag),
                city,
                Paging.limit(limit, ContactQueries.DEFAULT_LIMIT),
                cursor);
        return new ContactListResponse(
                page.items().stream().map(ContactResponse::of).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    public ResponseEntity<ContactResponse> get(@PathVariable UUID id) {
        return current(new ContactId(id));
    }

    /**
     * Forgets the contact (SPEC §6): its personal data becomes unreadable everywhere, the event store included.
     * Idempotent: forgetting a forgotten contact is 204 again; another owner's contact is 404.
     */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> forget(@PathVariable UUID id) {
        commands.forget(new ContactId(id));
        return ResponseEntity.noContent().build();
    }

    /** Everything keepwarm holds about the contact, decrypted: for a subject-access request. */
    @GetMapping("/{id}/export")
    public ContactExport.Export export(@PathVariable UUID id) {
        return export.export(caller.get().ownerId(), new ContactId(id), clock.instant())
                .orElseThrow(() -> OperationRefused.notFound("contact.not-found", "contact " + id + " not found"));
    }

    @PatchMapping(
            path = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    public ResponseEntity<ContactResponse> patch(
            @PathVariable UUID id,
            @RequestBody JsonNode body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        ContactId contactId = new ContactId(id);
        ContactMergePatch patch = ContactMergePatch.read(body);
        commands.updateDetails(
                contactId,
                patch.fields(),
                patch.personal(),
                patch.attributes(),
                patch.channelChanges(),
                patch.knownSince(),
                ETags.expectedVersion(
                        ifMatch, () -> queries.findOne(caller.get().ownerId(), contactId, clock.instant())
                                .map(ContactView::version)
                                .orElse(ETags.NO_VERSION_MATCHES)));
        return current(contactId);
    }

    @PutMapping("/{id}/cadence")
    public ResponseEntity<ContactResponse> setCadence(@PathVariable UUID id, @RequestBody CadenceRequest request) {
        commands.setCadence(new ContactId(id), request.days(), request.effectiveFrom(), request.firstDueAt());
        return current(new ContactId(id));
    }

    @DeleteMapping("/{id}/cadence")
    public ResponseEntity<Void> clearCadence(@PathVariable UUID id) {
        commands.clearCadence(new ContactId(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/snooze")
    public ResponseEntity<ContactResponse> snooze(@PathVariable UUID id, @RequestBody SnoozeRequest request) {
        commands.snooze(new ContactId(id), request.until());
        return current(new ContactId(id));
    }

    @DeleteMapping("/{id}/snooze")
    public ResponseEntity<Void> wake(@PathVariable UUID id) {
        commands.wake(new ContactId(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/archive")
    public ResponseEntity<ContactResponse> archive(@PathVariable UUID id) {
        commands.archive(new ContactId(id));
        return current(new ContactId(id));
    }

    @PostMapping("/{id}/restore")
    public ResponseEntity<ContactResponse> restore(@PathVariable UUID id) {
        commands.restore(new ContactId(id));
        return current(new ContactId(id));
    }

    private ResponseEntity<ContactResponse> current(ContactId contactId) {
        return queries.findOne(caller.get().ownerId(), contactId, clock.instant())
                .map(view -> ResponseEntity.ok().eTag(ETags.of(view.version())).body(ContactResponse.of(view)))
                .orElseThrow(
                        () -> OperationRefused.notFound("contact.not-found", "contact " + contactId + " not found"));
    }
}
