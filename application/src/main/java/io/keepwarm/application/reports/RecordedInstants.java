package io.keepwarm.application.reports;

import io.keepwarm.application.eventstore.StoredInstants;
import java.time.Instant;
import org.axonframework.common.DateTimeUtils;

/**
 * Parses the event table's {@code time_stamp} text. Axon writes {@code 2026-03-01T09:30:00.123Z} (UTC); that shape
 * is read field by field by {@link StoredInstants#parse}, which is several times cheaper than a
 * {@link java.time.format.DateTimeFormatter} and matters when a report reads 200,000 events. Anything else (an
 * offset, say) goes to Axon's own ISO-8601 parser.
 */
final class RecordedInstants {

    private RecordedInstants() {}

    static Instant parse(String text) {
        Instant parsed = StoredInstants.parse(text);
        return parsed != null ? parsed : DateTimeUtils.parseInstant(text);
    }
}
