package io.keepwarm.domain.contact.api;

import java.util.Map;
import java.util.TreeMap;

/**
 * The personal fields of a contact: everything that identifies or describes the person.
 * Encrypted with the contact's key when stored; see {@link PersonalData}.
 */
public record ContactPersonalData(String displayName,
                                  String howWeMet,
                                  String organization,
                                  String role,
                                  String city,
                                  Map<ChannelKind, String> channels) implements PersonalData {

    public ContactPersonalData {
        channels = channels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(channels));
    }
}
