package io.keepwarm.application;

/**
 * The application refuses an operation that no aggregate decides: an admin's projection rebuild, a dead letter to
 * retry, an account or token. Not a {@code DomainRuleViolation}, which is for the contact aggregate's rules; the
 * web layer answers both, each once, in its problem handling.
 */
public class OperationRefused extends RuntimeException {

    /** Whether the thing asked about does not exist (404) or is in a state that refuses the operation (409). */
    public enum Kind {
        NOT_FOUND,
        CONFLICT
    }

    private final Kind kind;
    private final String code;

    private OperationRefused(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public static OperationRefused notFound(String code, String message) {
        return new OperationRefused(Kind.NOT_FOUND, code, message);
    }

    public static OperationRefused conflict(String code, String message) {
        return new OperationRefused(Kind.CONFLICT, code, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The stable, machine-readable reason, e.g. {@code rebuild.running}. */
    public String code() {
        return code;
    }
}
