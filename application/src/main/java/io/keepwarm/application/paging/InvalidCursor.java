package io.keepwarm.application.paging;

/**
 * A list was asked to continue from a {@code cursor} it did not issue (or one that no longer decodes). This is a
 * query's error, not a rule of the domain, so it is not a {@code DomainRuleViolation}; the web layer answers it
 * with a 400 naming the {@code cursor} parameter.
 */
public class InvalidCursor extends RuntimeException {

    public InvalidCursor() {
        super("is not a cursor this API issued");
    }

    /** A cursor this API issued that no longer leads anywhere, with why. */
    public InvalidCursor(String why) {
        super(why);
    }
}
