package io.keepwarm.web.interaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.application.contact.ContactCommands;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.web.error.InvalidRequest;
import io.keepwarm.web.error.InvalidRequest.InvalidField;
import io.keepwarm.web.support.QueryInstants;
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

    private static final Set<String> LOGGABLE =
            Set.of("interactionId", "contactIds", "occurredAt", "channel", "initiatedBy", "favor", "note");
    private static final Set<String> CORRECTABLE = Set.of("occurredAt", "channel", "initiatedBy", "favor", "note");

    private final ContactCommands commands;
    private final ObjectMapper json;

    public InteractionController(ContactCommands commands, ObjectMapper json) {
        this.commands = commands;
        this.json = json;
    }

    /**
     * 201 when logged; 200 when this id was already logged with the same content; 409 with other content. The body
     * is read field by field, so every bad field is reported at once: fields that do not parse together with the
     * rules the others break.
     */
    @PostMapping
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @io.swagger.v3.oas.annotations.media.Content(
                            schema =
                                    @io.swagger.v3.oas.annotations.media.Schema(
                                            implementation = LogInteractionRequest.class)))
    public ResponseEntity<LoggedResponse> log(@RequestBody JsonNode body) {
        LogInteractionRequest request = parse(body);
        InteractionId interactionId =
                request.interactionId() == null ? InteractionId.random() : new InteractionId(request.interactionId());
        List<ContactId> contactIds = request.contactIds() == null
                ? List.of()
                : request.contactIds().stream().map(ContactId::new).toList();
        ContactCommands.Outcome outcome = commands.logInteraction(interactionId, contactIds, record(request));
        LoggedResponse answer = new LoggedResponse(
                interactionId.value(),
                outcome.versions().keySet().stream()
                        .map(ContactId::value)
                        .sorted()
                        .toList());
        return ResponseEntity.status(outcome.changed() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(answer);
    }

    private static InteractionRecord record(LogInteractionRequest request) {
        return new InteractionRecord(
                request.occurredAt(),
                request.channel(),
                request.initiatedBy(),
                request.favor(),
                Note.of(request.note()));
    }

    /**
     * The request, or a 400 naming every field that does not parse, an unknown field, and what the rules say of the
     * fields that did parse.
     */
    private LogInteractionRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw InvalidRequest.of("body", "must be a JSON object");
        }
        List<InvalidField> violations = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!LOGGABLE.contains(name)) {
                violations.add(new InvalidField(name, "is not a field of an interaction"));
            }
        }
        List<UUID> contactIds = null;
        JsonNode ids = body.get("contactIds");
        if (ids != null && !ids.isNull()) {
            if (!ids.isArray()) {
                violations.add(new InvalidField("contactIds", "must be an array of contact ids"));
            } else {
                contactIds = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    if (ids.get(i).isNull()) {
                        violations.add(new InvalidField("contactIds[" + i + "]", "must be a contact id, not null"));
                        continue;
                    }
                    UUID id = convert(ids.get(i), "contactIds[" + i + "]", UUID.class, violations);
                    if (id != null) {
                        contactIds.add(id);
                    }
                }
            }
        }
        JsonNode note = body.get("note");
        if (note != null && !note.isNull() && !note.isTextual()) {
            violations.add(new InvalidField("note", "must be a string or null"));
        }
        LogInteractionRequest request = new LogInteractionRequest(
                optional(body, "interactionId", UUID.class, violations),
                contactIds,
                optional(body, "occurredAt", Instant.class, violations),
                optional(body, "channel", Channel.class, violations),
                optional(body, "initiatedBy", InitiatedBy.class, violations),
                optional(body, "favor", Favor.class, violations),
                note == null || !note.isTextual() ? null : note.asText());
        if (!violations.isEmpty()) {
            Set<String> unreadable = new java.util.HashSet<>();
            violations.forEach(v -> unreadable.add(v.field().replaceFirst("\\[.*", "")));
            commands
                    .interactionViolations(
                            request.contactIds() == null
                                    ? null
                                    : request.contactIds().stream()
                                            .map(ContactId::new)
                                            .toList(),
                            record(request))
                    .stream()
                    .filter(v -> !unreadable.contains(v.field()))
                    .forEach(v -> violations.add(new InvalidField(v.field(), v.message())));
            throw new InvalidRequest(violations);
        }
        return request;
    }

    private <T> T optional(JsonNode body, String field, Class<T> type, List<InvalidField> violations) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : convert(value, field, type, violations);
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
            throw InvalidRequest.of("body", "must be a JSON object");
        }
        List<InvalidField> violations = new ArrayList<>();
        for (Iterator<String> names = patch.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CORRECTABLE.contains(name)) {
                violations.add(new InvalidField(
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
                violations.add(new InvalidField("note", "must be a string or null"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequest(violations);
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

    private <T> T read(JsonNode patch, String field, Class<T> type, List<InvalidField> violations) {
        JsonNode value = patch.get(field);
        if (value == null) {
            return null;
        }
        if (value.isNull()) {
            violations.add(new InvalidField(field, "cannot be cleared"));
            return null;
        }
        return convert(value, field, type, violations);
    }

    private <T> T convert(JsonNode value, String field, Class<T> type, List<InvalidField> violations) {
        try {
            return json.treeToValue(value, type);
        } catch (Exception e) {
            violations.add(new InvalidField(
                    field,
                    type.isEnum()
                            ? "must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                            : type == UUID.class ? "must be a UUID" : "must be " + QueryInstants.EXPECTED));
            return null;
        }
    }
}
