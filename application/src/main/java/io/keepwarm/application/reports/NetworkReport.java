package io.keepwarm.application.reports;

import io.keepwarm.application.goingcold.GoingColdRow;
import java.time.Instant;
import java.util.List;

/**
 * The going-cold view as it stood at {@code asOf}, rebuilt from the event store (SPEC §4): every listed contact,
 * every status, in the view's order.
 *
 * @param knownAt the knowledge cut-off asked for, or null when none was given, meaning "everything recorded up to
 *                the request" (echoing the request's clock instead would make two identical reports differ)
 */
public record NetworkReport(Instant asOf, Instant knownAt, List<GoingColdRow> items) {

    public NetworkReport {
        items = List.copyOf(items);
    }
}
