package io.keepwarm.web.interaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.application.contact.ContactCommands;
import io.keepwarm.domain.DomainRuleViolation;
import io.keepwarm.domain.DomainRuleViolation.FieldViolation;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.Note;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Interactions: log (idempotent by id), correct, retract. */
@RestController
@RequestMapping("/api/interactions")
public class InteractionController {

    /** {@code POST /api/interactions}; {@code interactionId} is generated when absent. */
    public record LogInteractionRequest(
            UUID interactionId,
            List<UUID> contactIds,
            Instant occurredAt,
            Channel channel,
            InitiatedBy initiatedBy,
            Favor favor,
            String note) {}

    /** The answer to logging: the interaction's id and the contacts it was logged on. */
    public record LoggedResponse(UUID interactionId, List<UUID> contactIds) {}

    private static final Set<String> CORRECTABLE = Set.of("occurredAt", "channel", "initiatedBy", "favor", "note");

    private final ContactCommands commands;
    private final ObjectMapper json;

    public InteractionController(ContactCommands commands, ObjectMapper json) {
        this.commands = commands;
        this.json = json;
    }

    /** 201 when logged; 200 when this id was already logged with the same content; 409 with other content. */
    @PostMapping
    public ResponseEntity<LoggedResponse> log(@RequestBody LogInteractionRequest request) {
        InteractionId interactionId =
                request.interactionId() == null ? InteractionId.random() : new InteractionId(request.interactionId());
        if (request.contactIds() != null && request.contactIds().contains(null)) {
            throw DomainRuleViolation.invalid(List.of(new FieldViolation("contactIds", "must not contain null")));
        }
        List<ContactId> contactIds = request.contactIds() == null
                ? List.of()
                : request.contactIds().stream().map(ContactId::new).toList();
        ContactCommands.Written written = commands.logInteraction(
                interactionId,
                contactIds,
                new InteractionRecord(
                        request.occurredAt(),
                        request.channel(),
                        request.initiatedBy(),
                        request.favor(),
                        Note.of(request.note())));
        LoggedResponse body = new LoggedResponse(
                interactionId.value(),
                written.versions().keySet().stream()
                        .map(ContactId::value)
                        .sorted()
                        .toList());
        return ResponseEntity.status(written.changed() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(body);
    }

    /**
     * Corrects an interaction (a JSON merge patch): any of occurredAt, channel, initiatedBy, favor and note;
     * {@code "note": null} clears the note. Its id and contacts cannot be corrected.
     */
    @PatchMapping(
            path = "/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    public ResponseEntity<Void> correct(@PathVariable UUID id, @RequestBody JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw DomainRuleViolation.invalid(List.of(new FieldViolation("body", "must be a JSON object")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        for (Iterator<String> names = patch.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CORRECTABLE.contains(name)) {
                violations.add(new FieldViolation(
                        name,
                        name.equals("contactIds") || name.equals("interactionId")
                                ? "cannot be corrected; retract the interaction and log a new one"
                                : "is not a field of an interaction"));
            }
        }
        Instant occurredAt = read(patch, "occurredAt", Instant.class, violations);
        Channel channel = read(patch, "channel", Channel.class, violations);
        InitiatedBy initiatedBy = read(patch, "initiatedBy", InitiatedBy.class, violations);
        Favor favor = read(patch, "favor", Favor.class, violations);
        String note = null;
        if (patch.has("note")) {
            JsonNode value = patch.get("note");
            if (value.isNull()) {
                note = "";
            } else if (value.isTextual()) {
                note = value.asText();
            } else {
                violations.add(new FieldViolation("note", "must be a string or null"));
            }
        }
        if (!violations.isEmpty()) {
            throw DomainRuleViolation.invalid(violations);
        }
        commands.correctInteraction(
                new InteractionId(id), new ContactCommands.Correction(occurredAt, channel, initiatedBy, favor, note));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> retract(@PathVariable UUID id, @RequestParam(required = false) String reason) {
        commands.retractInteraction(new InteractionId(id), reason);
        return ResponseEntity.noContent().build();
    }

    private <T> T read(JsonNode patch, String field, Class<T> type, List<FieldViolation> violations) {
        JsonNode value = patch.get(field);
        if (value == null) {
            return null;
        }
        if (value.isNull()) {
            violations.add(new FieldViolation(field, "cannot be cleared"));
            return null;
        }
        try {
            return json.treeToValue(value, type);
        } catch (Exception e) {
            violations.add(new FieldViolation(
                    field,
                    type.isEnum()
                            ? "must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                            : "must be an ISO-8601 instant such as 2026-03-01T09:30:00Z"));
            return null;
        }
    }
}
