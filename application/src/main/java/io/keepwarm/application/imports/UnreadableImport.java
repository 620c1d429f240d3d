package io.keepwarm.application.imports;

/**
 * A file that cannot be imported as a whole (not text in its charset, truncated, not a format keepwarm reads, too
 * many rows): answered as a 400 problem naming the body, and nothing is appended. A problem with one row is not
 * this: it is that row's {@code ERROR} in the plan.
 */
public class UnreadableImport extends RuntimeException {

    public UnreadableImport(String message) {
        super(message);
    }
}
