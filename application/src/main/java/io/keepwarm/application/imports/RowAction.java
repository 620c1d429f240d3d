package io.keepwarm.application.imports;

import io.keepwarm.domain.contact.api.AddContact;
import io.keepwarm.domain.contact.api.CadenceStart;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ChannelKind;
import io.keepwarm.domain.contact.api.ContactAttributes;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.ContactPersonalData;
import io.keepwarm.domain.contact.api.DetailField;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.LogInteraction;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.domain.contact.api.OwnerId;
import io.keepwarm.domain.contact.api.SetCadence;
import io.keepwarm.domain.contact.api.SnoozeContact;
import io.keepwarm.domain.contact.api.UpdateContactDetails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What committing one planned row sends: the commands of an add, an update or an interaction, as data an import
 * job keeps until the row is in (so a job resumed after a crash sends exactly what was planned, with the ramp's
 * dates as they were). Its commands take their instant when they are sent.
 *
 * @param kind       {@code ADD}, {@code UPDATE} or {@code LOG}
 * @param snoozedUntil an added contact is snoozed until then (keepwarm's own export), or null
 * @param sourceKeys the source ids to remember for the contact ({@link ImportSources})
 */
public record RowAction(
        String kind,
        UUID contactId,
        ContactPersonalData personal,
        ContactAttributes attributes,
        Instant knownSince,
        Set<DetailField> fields,
        Map<ChannelKind, String> channelChanges,
        Integer cadenceDays,
        Instant cadenceEffectiveFrom,
        Instant firstDueAt,
        UUID interactionId,
        List<UUID> contactIds,
        Instant occurredAt,
        Channel channel,
        InitiatedBy initiatedBy,
        Favor favor,
        String note,
        Instant snoozedUntil,
        List<String> sourceKeys) {

    static final String ADD = "ADD";
    static final String UPDATE = "UPDATE";
    static final String LOG = "LOG";

    public RowAction {
        sourceKeys = sourceKeys == null ? List.of() : List.copyOf(sourceKeys);
    }

    /** The contacts whose streams the action appends to. */
    List<ContactId> contacts() {
        return LOG.equals(kind) ? contactIds.stream().map(ContactId::new).toList() : List.of(new ContactId(contactId));
    }

    List<Object> commands(OwnerId owner, Instant at) {
        ContactId id = new ContactId(contactId);
        List<Object> commands = new ArrayList<>();
        switch (kind) {
            case ADD -> {
                commands.add(new AddContact(
                        id,
                        owner,
                        personal,
                        attributes,
                        knownSince,
                        cadenceDays == null ? null : new CadenceStart(cadenceDays, cadenceEffectiveFrom, firstDueAt),
                        at));
                if (snoozedUntil != null) {
                    commands.add(new SnoozeContact(id, owner, snoozedUntil, at));
                }
            }
            case UPDATE -> {
                if (fields != null && !fields.isEmpty()) {
                    commands.add(new UpdateContactDetails(
                            id, owner, fields, personal, attributes, channelChanges, knownSince, null, at));
                }
                if (cadenceDays != null) {
                    commands.add(new SetCadence(id, owner, cadenceDays, cadenceEffectiveFrom, firstDueAt, at));
                }
            }
            case LOG -> {
                List<ContactId> participants = contacts();
                InteractionRecord interaction =
                        new InteractionRecord(occurredAt, channel, initiatedBy, favor, Note.of(note));
                for (ContactId participant : participants) {
                    commands.add(new LogInteraction(
                            participant, owner, new InteractionId(interactionId), participants, interaction, at));
                }
            }
            default -> throw new IllegalStateException("unknown import action " + kind);
        }
        return commands;
    }
}
