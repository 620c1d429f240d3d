package io.keepwarm.application.imports;

import io.keepwarm.domain.contact.api.OwnerId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The source ids imports have seen (a LinkedIn profile, a vCard UID), each mapped to the contact it became, so the
 * next import of the same person matches it first (SPEC §8). Stored as SHA-256 digests, never as text: a profile
 * link is personal data, and matching only needs equality. A forgotten contact's entries stay, pointing at a
 * contact no import matches any longer (the planner only matches contacts that are not forgotten).
 */
@Component
public class ImportSources {

    private final JdbcTemplate jdbc;

    public ImportSources(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static String key(String sourceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sourceId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, UUID> of(OwnerId owner) {
        Map<String, UUID> keys = new HashMap<>();
        jdbc.query(
                "SELECT source_key, contact_id FROM import_source WHERE owner_id = ?",
                rs -> {
                    keys.put(rs.getString(1), rs.getObject(2, UUID.class));
                },
                owner.value());
        return keys;
    }

    /** Remembers the keys of one batch, set-based; a key seen before now points at the given contact. */
    void remember(OwnerId owner, List<String> keys, List<UUID> contacts) {
        Map<String, UUID> unique = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            unique.put(keys.get(i), contacts.get(i));
        }
        if (unique.isEmpty()) {
            return;
        }
        jdbc.update("""
                INSERT INTO import_source (owner_id, source_key, contact_id)
                SELECT ?, t.source_key, t.contact_id FROM unnest(?::text[], ?::uuid[]) AS t(source_key, contact_id)
                ON CONFLICT (owner_id, source_key) DO UPDATE SET contact_id = excluded.contact_id""", owner.value(), keys.toArray(String[]::new), contacts.toArray(UUID[]::new));
    }
}
