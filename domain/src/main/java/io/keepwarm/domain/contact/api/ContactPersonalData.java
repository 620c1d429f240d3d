package io.keepwarm.domain.contact.api;

import java.util.Map;
import java.util.TreeMap;

/**
 * The personal fields of a contact: everything that identifies or describes the person.
 * Encrypted with the contact's key when stored; see {@link PersonalData}.
 */
public record ContactPersonalData(
        String displayName,
        String howWeMet,
        String organization,
        String role,
        String city,
        Map<ChannelKind, String> channels)
        implements PersonalData {

    /**
     * What remains of a forgotten contact's details once its key is destroyed: the shape without the person.
     * The storage layer hands out exactly this instance, so {@link #forgotten()} cannot be faked by input (not an is-getter, so it is never serialized).
     */
    public static final ContactPersonalData FORGOTTEN =
            new ContactPersonalData("(forgotten)", null, null, null, null, Map.of());

    public ContactPersonalData {
        channels = channels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(channels));
    }

    public boolean forgotten() {
        return this == FORGOTTEN;
    }
}
