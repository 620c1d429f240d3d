package io.keepwarm.application.goingcold;

import io.keepwarm.application.paging.InvalidCursor;
import io.keepwarm.domain.contact.GoingColdRules.ExactRatio;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of the going-cold view ends: the instant every page is evaluated at (the first page's), the last row's
 * exact ratio and its contact id. Opaque to clients (base64url of fixed-width binary) and free of personal data: no
 * name travels in it; the next page looks the last row's name up for the tie order.
 */
record GoingColdCursor(Instant at, ExactRatio ratio, UUID contactId) {

    private static final byte VERSION = 1;
    private static final int BYTES = 1 + 8 + 4 + 8 + 4 + 4 + 16;

    String encode() {
        ByteBuffer buffer = ByteBuffer.allocate(BYTES)
                .put(VERSION)
                .putLong(at.getEpochSecond())
                .putInt(at.getNano())
                .putLong(ratio.elapsed().getSeconds())
                .putInt(ratio.elapsed().getNano())
                .putInt(ratio.cadenceDays())
                .putLong(contactId.getMostSignificantBits())
                .putLong(contactId.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    static GoingColdCursor decode(String raw) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(raw));
            if (buffer.remaining() != BYTES || buffer.get() != VERSION) {
                throw new InvalidCursor();
            }
            Instant at = Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
            Duration elapsed = Duration.ofSeconds(buffer.getLong(), buffer.getInt());
            int cadenceDays = buffer.getInt();
            if (cadenceDays < 1) {
                throw new InvalidCursor();
            }
            return new GoingColdCursor(
                    at, new ExactRatio(elapsed, cadenceDays), new UUID(buffer.getLong(), buffer.getLong()));
        } catch (InvalidCursor e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidCursor();
        }
    }
}
