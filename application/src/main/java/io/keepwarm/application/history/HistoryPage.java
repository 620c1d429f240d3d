package io.keepwarm.application.history;

import java.util.List;

/** A page of history, oldest first, and the cursor of the next page (null on the last page). */
public record HistoryPage(List<HistoryEntry> items, String nextCursor) {}
