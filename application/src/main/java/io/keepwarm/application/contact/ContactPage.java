package io.keepwarm.application.contact;

import java.util.List;

/** A page of contacts and the cursor of the next page (null on the last page). */
public record ContactPage(List<ContactView> items, String nextCursor) {}
