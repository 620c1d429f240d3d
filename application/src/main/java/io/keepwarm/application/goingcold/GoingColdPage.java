package io.keepwarm.application.goingcold;

import java.time.Instant;
import java.util.List;

/**
 * One page of the going-cold view: the instant it was evaluated at, its rows, the cursor of the next page (null on
 * the last page), and how many rows match the query in all pages.
 */
public record GoingColdPage(Instant at, List<GoingColdRow> items, String nextCursor, long total) {}
