package io.keepwarm.application.imports;

import ezvcard.VCard;
import ezvcard.io.text.VCardReader;
import ezvcard.property.Address;
import ezvcard.property.Email;
import ezvcard.property.Organization;
import ezvcard.property.RawProperty;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.Title;
import ezvcard.property.Url;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vCard files (2.1 with QUOTED-PRINTABLE, 3.0, 4.0), as Google, Apple and Outlook export them, read with ez-vcard.
 * A card gives its name ({@code FN}, else {@code N}), emails, first phone, organization, title, city (the first
 * address's locality), its LinkedIn profile (a {@code URL} on linkedin.com, or one Apple labels "LinkedIn" with an
 * {@code itemN.X-ABLabel}, or an {@code X-SOCIALPROFILE}) and its {@code UID}, kept as the source id. Birthdays and
 * anniversaries (Apple's year 1604 for "no year", partial dates) are not imported, so they never fail a card.
 * A card of keepwarm's own export also gives back what only keepwarm keeps ({@link KeepwarmCard}).
 */
final class VCardContacts {

    private static final Pattern BEGIN = Pattern.compile("(?im)^[ \\t]*BEGIN[ \\t]*:[ \\t]*VCARD[ \\t]*$");
    private static final Pattern END = Pattern.compile("(?im)^[ \\t]*END[ \\t]*:[ \\t]*VCARD[ \\t]*$");

    private VCardContacts() {}

    static List<ImportedPerson> read(String text) {
        List<Long> starts = starts(text);
        if (starts.isEmpty()) {
            throw new UnreadableImport("a vCard file holds cards from BEGIN:VCARD to END:VCARD; this one has none");
        }
        if (starts.size() > ImportFile.MAX_ROWS) {
            throw new UnreadableImport("the file has more than " + ImportFile.MAX_ROWS + " cards; split it");
        }
        long ends = END.matcher(text).results().count();
        if (ends < starts.size()) {
            throw new UnreadableImport("the card starting on line " + starts.get(starts.size() - 1)
                    + " has no END:VCARD: the file is truncated");
        }
        List<ImportedPerson> people = new ArrayList<>();
        try (VCardReader reader = new VCardReader(text)) {
            VCard card;
            int index = 0;
            while ((card = reader.readNext()) != null) {
                long line = index < starts.size() ? starts.get(index) : starts.get(starts.size() - 1);
                index++;
                people.add(person(card, line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new UnreadableImport("the vCard file cannot be read: " + e.getMessage());
        }
        return people;
    }

    private static List<Long> starts(String text) {
        List<Long> starts = new ArrayList<>();
        Matcher matcher = BEGIN.matcher(text);
        long line = 1;
        int counted = 0;
        while (matcher.find()) {
            for (int i = counted; i < matcher.start(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            counted = matcher.start();
            starts.add(line);
        }
        return starts;
    }

    private static ImportedPerson person(VCard card, long line) {
        String name = card.getFormattedName() == null
                ? null
                : Names.displayName(card.getFormattedName().getValue(), null);
        if (name == null && card.getStructuredName() != null) {
            StructuredName n = card.getStructuredName();
            name = Names.displayName(
                    String.join(" ", n.getPrefixes()) + " " + nullToEmpty(n.getGiven()) + " "
                            + String.join(" ", n.getAdditionalNames()),
                    nullToEmpty(n.getFamily()) + " " + String.join(" ", n.getSuffixes()));
        }
        List<String> emails = card.getEmails().stream()
                .map(Email::getValue)
                .filter(value -> value != null && !value.isBlank())
                .map(String::strip)
                .toList();
        Organization organization = card.getOrganization();
        String company = organization == null || organization.getValues().isEmpty()
                ? null
                : blankToNull(organization.getValues().get(0));
        if (name == null) {
            // Apple writes a company's card with an empty name (X-ABShowAs:COMPANY): it is shown by its company.
            name = company != null ? company : emails.isEmpty() ? null : emails.get(0);
        }
        if (name == null) {
            return ImportedPerson.failed(line, null, "the card has no name (FN or N), no organization and no email");
        }
        String phone = card.getTelephoneNumbers().stream()
                .map(VCardContacts::phone)
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .orElse(null);
        String title = card.getTitles().stream()
                .map(Title::getValue)
                .map(VCardContacts::blankToNull)
                .filter(value -> value != null)
                .findFirst()
                .orElse(null);
        String city = card.getAddresses().stream()
                .map(Address::getLocality)
                .map(VCardContacts::blankToNull)
                .filter(value -> value != null)
                .findFirst()
                .orElse(null);
        String linkedin = linkedIn(card);
        List<String> sourceIds = new ArrayList<>();
        if (card.getUid() != null
                && card.getUid().getValue() != null
                && !card.getUid().getValue().isBlank()) {
            sourceIds.add("vcard-uid:" + card.getUid().getValue().strip());
        }
        String profile = Names.linkedInProfile(linkedin);
        if (profile != null) {
            sourceIds.add("linkedin:" + profile);
        }
        boolean keepwarm = card.getProductId() != null
                && KeepwarmCard.PRODUCT_ID.equals(card.getProductId().getValue());
        List<String> tags = keepwarm
                ? card.getCategoriesList().stream()
                        .flatMap(categories -> categories.getValues().stream())
                        .toList()
                : List.of();
        Instant knownSince;
        Integer cadence;
        ImportedPerson.Kept kept;
        try {
            knownSince = instant(card, KeepwarmCard.KNOWN_SINCE);
            String days = extended(card, KeepwarmCard.CADENCE);
            cadence = days == null ? null : Integer.valueOf(days);
            kept = new ImportedPerson.Kept(
                    keepwarm && !card.getNotes().isEmpty()
                            ? blankToNull(card.getNotes().get(0).getValue())
                            : null,
                    extended(card, KeepwarmCard.COUNTRY),
                    keepwarm && card.getTimezone() != null
                            ? blankToNull(card.getTimezone().getText())
                            : null,
                    extended(card, KeepwarmCard.OTHER_CHANNEL),
                    instant(card, KeepwarmCard.CADENCE_EFFECTIVE_FROM),
                    instant(card, KeepwarmCard.CADENCE_FIRST_DUE_AT),
                    instant(card, KeepwarmCard.SNOOZED_UNTIL),
                    "true".equalsIgnoreCase(extended(card, KeepwarmCard.ARCHIVED)));
        } catch (DateTimeParseException | NumberFormatException e) {
            return ImportedPerson.failed(
                    line, name, "a keepwarm property (X-KEEPWARM-…) holds no instant or number: " + e.getMessage());
        }
        return new ImportedPerson(
                line,
                name,
                company,
                title,
                city,
                emails,
                phone,
                linkedin,
                sourceIds,
                knownSince,
                tags,
                cadence,
                kept,
                null);
    }

    private static String extended(VCard card, String property) {
        RawProperty raw = card.getExtendedProperty(property);
        return raw == null ? null : blankToNull(raw.getValue());
    }

    private static Instant instant(VCard card, String property) {
        String value = extended(card, property);
        return value == null ? null : Instant.parse(value);
    }

    private static String linkedIn(VCard card) {
        for (Url url : card.getUrls()) {
            // Google writes "https\://…" in its 3.0 cards: an escaped colon, unescaped here.
            String value = url.getValue() == null ? null : url.getValue().replace("\\:", ":");
            if (Names.linkedInProfile(value) != null || labelled(card, url.getGroup(), "linkedin")) {
                return value;
            }
        }
        for (RawProperty social : card.getExtendedProperties("X-SOCIALPROFILE")) {
            String type = social.getParameters().getType();
            if (Names.linkedInProfile(social.getValue()) != null
                    || (type != null && type.toLowerCase(Locale.ROOT).contains("linkedin"))) {
                return social.getValue();
            }
        }
        return null;
    }

    /** Whether Apple's {@code itemN.X-ABLabel} of {@code group} mentions {@code word}. */
    private static boolean labelled(VCard card, String group, String word) {
        if (group == null) {
            return false;
        }
        return card.getExtendedProperties("X-ABLABEL").stream()
                .anyMatch(label -> group.equalsIgnoreCase(label.getGroup())
                        && label.getValue() != null
                        && label.getValue().toLowerCase(Locale.ROOT).contains(word));
    }

    private static String phone(Telephone telephone) {
        if (telephone.getText() != null) {
            return telephone.getText().strip();
        }
        return telephone.getUri() == null ? null : telephone.getUri().getNumber();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
