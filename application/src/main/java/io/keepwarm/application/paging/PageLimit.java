package io.keepwarm.application.paging;

/**
 * The one cap on {@code limit} of every list (contacts, going cold, history, interactions, and any list added
 * later): 1 to {@link #MAX} rows a page. Each list keeps its own default, for what a page of it usually shows.
 */
public final class PageLimit {

    /** The most rows any list answers in one page. */
    public static final int MAX = 1000;

    private PageLimit() {}
}
