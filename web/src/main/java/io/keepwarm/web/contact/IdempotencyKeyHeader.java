package io.keepwarm.web.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.keepwarm.application.contact.IdempotencyKeys;
import io.keepwarm.web.error.InvalidRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} request header of {@code POST /api/contacts} (after the IETF httpapi draft of that
 * name): 1–255 visible ASCII characters, optionally in double quotes (a structured-field string). A client sends a
 * fresh key (a UUID, say) with each new contact and the same key when it resends after a lost answer.
 */
final class IdempotencyKeyHeader {

    static final String NAME = "Idempotency-Key";
    /** Set on an answer that repeats the first response to a key rather than adding a contact. */
    static final String REPLAYED = "Idempotent-Replayed";

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1," + IdempotencyKeys.MAX_LENGTH + "}");

    private IdempotencyKeyHeader() {}

    static String key(String header) {
        String key = header.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (!KEY.matcher(key).matches() || key.indexOf('"') >= 0) {
            throw InvalidRequest.of(
                    NAME, "must be 1–" + IdempotencyKeys.MAX_LENGTH + " visible ASCII characters, such as a UUID");
        }
        return key;
    }

    /**
     * SHA-256 of the request as parsed, written back with map keys sorted: the same content is the same body
     * whatever its whitespace or key order.
     */
    static String digest(ObjectMapper json, Object request) {
        try {
            byte[] canonical = json.writer()
                    .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(request)
                    .getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest the request", e);
        }
    }
}
