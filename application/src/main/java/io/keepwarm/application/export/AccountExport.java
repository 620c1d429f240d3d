package io.keepwarm.application.export;

import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.text.VCardWriter;
import ezvcard.property.Address;
import ezvcard.property.Categories;
import ezvcard.property.RawProperty;
import ezvcard.property.Timezone;
import ezvcard.property.Uid;
import io.keepwarm.application.contact.ContactQueries;
import io.keepwarm.application.contact.ContactView;
import io.keepwarm.application.contact.InteractionQueries;
import io.keepwarm.application.csv.SpreadsheetSafeCsv;
import io.keepwarm.application.imports.KeepwarmCard;
import io.keepwarm.application.privacy.ContactExport;
import io.keepwarm.domain.contact.LoggedInteraction;
import io.keepwarm.domain.contact.api.CadenceCleared;
import io.keepwarm.domain.contact.api.CadenceSet;
import io.keepwarm.domain.contact.api.ContactAdded;
import io.keepwarm.domain.contact.api.ContactArchived;
import io.keepwarm.domain.contact.api.ContactDetailsUpdated;
import io.keepwarm.domain.contact.api.ContactEvent;
import io.keepwarm.domain.contact.api.ContactForgotten;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.ContactRestored;
import io.keepwarm.domain.contact.api.ContactSnoozed;
import io.keepwarm.domain.contact.api.ContactWoken;
import io.keepwarm.domain.contact.api.InteractionCorrected;
import io.keepwarm.domain.contact.api.InteractionLogged;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.InteractionRetracted;
import io.keepwarm.domain.contact.api.OwnerId;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code GET /api/export} (SPEC §3, §8): the owner's whole account as a zip, written to the response as it is read,
 * one contact at a time, so a big account is never held in memory.
 *
 * <ul>
 *   <li>{@code contacts.vcf}: every contact not forgotten as a vCard 4.0 card ({@link KeepwarmCard}): the standard
 *       properties for what address books know, {@code X-KEEPWARM-*} for known-since, the cadence with its start,
 *       the snooze, the archive mark, the country and the {@code other} channel; {@code UID} is
 *       {@code urn:uuid:} and the contact's id.</li>
 *   <li>{@code interactions.csv}: every interaction that counts (not retracted), as it stands after its corrections,
 *       once, in keepwarm's interactions CSV ({@link SpreadsheetSafeCsv}); its {@code contacts} are the cards' UIDs,
 *       so importing the cards and then this file gives the same touches with the same people. An archived contact
 *       is not imported, so it is left out of the rows (a touch with no one else is left out: it is in the
 *       history).</li>
 *   <li>{@code history/<contactId>.json}: the contact and every event of its stream, decrypted
 *       ({@link ContactExport}), the corrections and retractions included.</li>
 * </ul>
 *
 * <p>All of it is read in one read-only, repeatable-read transaction: one snapshot, so a write that lands while the
 * export runs is in every file or in none.
 */
@Service
public class AccountExport {

    /** The interactions CSV's columns: what {@code POST /api/imports} reads, then what only a reader needs. */
    static final List<String> INTERACTION_COLUMNS =
            List.of("date", "contacts", "channel", "initiatedBy", "favor", "note", "names", "interactionId");

    private final JdbcTemplate jdbc;
    private final ContactQueries contacts;
    private final InteractionQueries interactions;
    private final ContactExport contactExport;
    private final EventStore eventStore;
    private final TransactionTemplate snapshot;

    public AccountExport(
            JdbcTemplate jdbc,
            ContactQueries contacts,
            InteractionQueries interactions,
            ContactExport contactExport,
            EventStore eventStore,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.interactions = interactions;
        this.contactExport = contactExport;
        this.eventStore = eventStore;
        this.snapshot = new TransactionTemplate(transactionManager);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Writes the owner's account, as it stands at {@code at}, to {@code out} as a zip; {@code out} is not closed. */
    public void write(OwnerId owner, Instant at, OutputStream out) throws IOException {
        try {
            snapshot.executeWithoutResult(status -> {
                try {
                    writeZip(owner, at, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void writeZip(OwnerId owner, Instant at, OutputStream out) throws IOException {
        List<UUID> ids = jdbc.queryForList(
                "SELECT contact_id FROM contact_view WHERE owner_id = ? AND NOT forgotten ORDER BY contact_id",
                UUID.class,
                owner.value());
        // the contacts an import of contacts.vcf brings back (not the archived): the interactions name only those
        Set<UUID> importable = new HashSet<>();
        Map<UUID, String> names = new HashMap<>();
        ZipOutputStream zip = new ZipOutputStream(new KeptOpen(out), StandardCharsets.UTF_8);
        zip.setComment("keepwarm export of " + at);

        zip.putNextEntry(new ZipEntry("contacts.vcf"));
        Writer cards = new OutputStreamWriter(new KeptOpen(zip), StandardCharsets.UTF_8);
        VCardWriter vcards = new VCardWriter(cards, VCardVersion.V4_0);
        vcards.setAddProdId(false);
        for (UUID id : ids) {
            Optional<ContactView> contact = contacts.findOne(owner, new ContactId(id), at);
            if (contact.isEmpty()) {
                continue;
            }
            names.put(id, contact.get().displayName());
            if (!contact.get().archived()) {
                importable.add(id);
            }
            vcards.write(card(contact.get(), started(id), at));
        }
        vcards.flush();
        zip.closeEntry();

        zip.putNextEntry(new ZipEntry("interactions.csv"));
        Writer csv = new OutputStreamWriter(new KeptOpen(zip), StandardCharsets.UTF_8);
        SpreadsheetSafeCsv.write(csv, INTERACTION_COLUMNS, printer -> {
            for (UUID id : ids) {
                List<LoggedInteraction> counted = interactions.allOf(new ContactId(id)).stream()
                        .filter(interaction -> !interaction.retracted())
                        .sorted(Comparator.comparing(
                                        (LoggedInteraction i) -> i.current().occurredAt())
                                .thenComparing(i -> i.interactionId().value()))
                        .toList();
                for (LoggedInteraction interaction : counted) {
                    List<UUID> with = interaction.contactIds().stream()
                            .map(ContactId::value)
                            .filter(importable::contains)
                            .sorted()
                            .toList();
                    // a touch with several people is in each one's stream: written once, from the first of them
                    if (!with.isEmpty() && with.get(0).equals(id)) {
                        printer.printRecord(row(interaction, with, names));
                    }
                }
            }
        });
        csv.flush();
        zip.closeEntry();

        for (UUID id : ids) {
            Optional<ContactExport.Export> history = contactExport.export(owner, new ContactId(id), at);
            if (history.isPresent()) {
                zip.putNextEntry(new ZipEntry("history/" + id + ".json"));
                contactExport.write(history.get(), zip);
                zip.closeEntry();
            }
        }
        zip.finish();
        zip.flush();
    }

    /**
     * What a card needs that the contact list rounds (to the database's microseconds) or does not keep: when the
     * relationship began and the cadence with its start, exactly as the contact's latest events say.
     */
    private record Started(Instant knownSince, Integer everyDays, Instant effectiveFrom, Instant firstDueAt) {

        Started with(Object payload) {
            if (!(payload instanceof ContactEvent event)) {
                return this;
            }
            Started before = this;
            return event.accept(new ContactEvent.Visitor<Started>() {

                @Override
                public Started added(ContactAdded added) {
                    return new Started(added.knownSince(), everyDays, effectiveFrom, firstDueAt);
                }

                @Override
                public Started detailsUpdated(ContactDetailsUpdated updated) {
                    return updated.knownSince() == null
                            ? before
                            : new Started(updated.knownSince(), everyDays, effectiveFrom, firstDueAt);
                }

                @Override
                public Started cadenceSet(CadenceSet set) {
                    return new Started(knownSince, set.everyDays(), set.effectiveFrom(), set.firstDueAt());
                }

                @Override
                public Started cadenceCleared(CadenceCleared cleared) {
                    return new Started(knownSince, null, null, null);
                }

                @Override
                public Started interactionLogged(InteractionLogged e) {
                    return before;
                }

                @Override
                public Started interactionCorrected(InteractionCorrected e) {
                    return before;
                }

                @Override
                public Started interactionRetracted(InteractionRetracted e) {
                    return before;
                }

                @Override
                public Started snoozed(ContactSnoozed e) {
                    return before;
                }

                @Override
                public Started woken(ContactWoken e) {
                    return before;
                }

                @Override
                public Started archived(ContactArchived e) {
                    return before;
                }

                @Override
                public Started restored(ContactRestored e) {
                    return before;
                }

                @Override
                public Started forgotten(ContactForgotten e) {
                    return before;
                }
            });
        }
    }

    private Started started(UUID contactId) {
        Started started = new Started(null, null, null, null);
        for (Object event : eventStore
                .readEvents(contactId.toString())
                .asStream()
                .map(message -> message.getPayload())
                .toList()) {
            started = started.with(event);
        }
        return started;
    }

    private static VCard card(ContactView contact, Started started, Instant at) {
        VCard card = new VCard();
        card.setProductId(KeepwarmCard.PRODUCT_ID);
        card.setUid(new Uid(KeepwarmCard.uid(contact.contactId())));
        card.setFormattedName(contact.displayName());
        if (contact.organization() != null) {
            card.setOrganization(contact.organization());
        }
        if (contact.role() != null) {
            card.addTitle(contact.role());
        }
        if (contact.city() != null) {
            Address address = new Address();
            address.setLocality(contact.city());
            card.addAddress(address);
        }
        if (contact.howWeMet() != null) {
            card.addNote(contact.howWeMet());
        }
        if (contact.timeZone() != null) {
            card.setTimezone(new Timezone(contact.timeZone()));
        }
        if (!contact.tags().isEmpty()) {
            Categories categories = new Categories();
            categories.getValues().addAll(contact.tags());
            card.setCategories(categories);
        }
        Map<String, String> channels = contact.channels();
        if (channels.get("email") != null) {
            card.addEmail(channels.get("email"));
        }
        if (channels.get("phone") != null) {
            card.addTelephoneNumber(channels.get("phone"));
        }
        if (channels.get("linkedin") != null) {
            RawProperty linkedIn = card.addExtendedProperty("X-SOCIALPROFILE", channels.get("linkedin"));
            linkedIn.getParameters().setType("linkedin");
        }
        extended(card, KeepwarmCard.OTHER_CHANNEL, channels.get("other"));
        extended(card, KeepwarmCard.COUNTRY, contact.countryCode());
        extended(
                card,
                KeepwarmCard.KNOWN_SINCE,
                started.knownSince() != null ? started.knownSince() : contact.knownSince());
        if (started.everyDays() != null) {
            extended(card, KeepwarmCard.CADENCE, started.everyDays());
            extended(card, KeepwarmCard.CADENCE_EFFECTIVE_FROM, started.effectiveFrom());
            extended(card, KeepwarmCard.CADENCE_FIRST_DUE_AT, started.firstDueAt());
        }
        if (contact.snoozedUntil() != null && contact.snoozedUntil().isAfter(at)) {
            extended(card, KeepwarmCard.SNOOZED_UNTIL, contact.snoozedUntil());
        }
        if (contact.archived()) {
            extended(card, KeepwarmCard.ARCHIVED, true);
        }
        return card;
    }

    private static void extended(VCard card, String property, Object value) {
        if (value != null) {
            card.addExtendedProperty(property, value.toString());
        }
    }

    private static List<Object> row(LoggedInteraction interaction, List<UUID> with, Map<UUID, String> names) {
        InteractionRecord current = interaction.current();
        String note = current.note() == null || current.note().forgotten()
                ? null
                : current.note().text();
        return List.of(
                current.occurredAt().toString(),
                with.stream().map(KeepwarmCard::uid).collect(Collectors.joining(";")),
                current.channel().name(),
                current.initiatedBy().name(),
                current.favor().name(),
                note == null ? "" : note,
                with.stream().map(names::get).collect(Collectors.joining("; ")),
                interaction.interactionId().toString());
    }

    /** The zip's stream as its entries' writers see it: closing one of them must not close the zip. */
    private static final class KeptOpen extends FilterOutputStream {

        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
