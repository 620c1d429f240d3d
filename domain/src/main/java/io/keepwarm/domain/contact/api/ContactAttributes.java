package io.keepwarm.domain.contact.api;

import java.util.List;

/**
 * The non-personal fields of a contact, kept readable in the event store so projections can filter and
 * group on them without a key: the country (ISO 3166-1 alpha-2), the IANA time zone and the owner's own tags.
 * Why these and not the city is recorded in docs/adr/0003-personal-and-non-personal-fields.md.
 */
public record ContactAttributes(String countryCode, String timeZone, List<String> tags) {

    public ContactAttributes {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static ContactAttributes none() {
        return new ContactAttributes(null, null, List.of());
    }
}
