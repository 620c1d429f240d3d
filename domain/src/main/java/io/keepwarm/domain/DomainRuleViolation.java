package io.keepwarm.domain;

import java.util.List;

/**
 * A command broke a rule of the domain. Only facts become events, so a violation appends nothing.
 *
 * <p>{@link Kind} tells the edge what sort of failure this is (bad input, unknown thing, state conflict)
 * without it having to parse codes; {@code code} is the stable machine-readable reason.
 */
public class DomainRuleViolation extends RuntimeException {

    /** What sort of failure: bad input, an unknown thing, a state conflict, or a stale expected version. */
    public enum Kind {
        INVALID,
        NOT_FOUND,
        CONFLICT,
        STALE
    }

    /** One bad field of a command: a JSON-pointer-like path and what is wrong with it. */
    public record FieldViolation(String field, String message) {}

    private final Kind kind;
    private final String code;
    private final List<FieldViolation> fieldViolations;

    public DomainRuleViolation(Kind kind, String code, String message, List<FieldViolation> fieldViolations) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.fieldViolations = List.copyOf(fieldViolations);
    }

    public DomainRuleViolation(Kind kind, String code, String message) {
        this(kind, code, message, List.of());
    }

    public static DomainRuleViolation invalid(List<FieldViolation> violations) {
        return new DomainRuleViolation(Kind.INVALID, "validation", "the request has invalid fields", violations);
    }

    public static DomainRuleViolation notFound(String code, String message) {
        return new DomainRuleViolation(Kind.NOT_FOUND, code, message);
    }

    public static DomainRuleViolation conflict(String code, String message) {
        return new DomainRuleViolation(Kind.CONFLICT, code, message);
    }

    public static DomainRuleViolation stale(String code, String message) {
        return new DomainRuleViolation(Kind.STALE, code, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<FieldViolation> fieldViolations() {
        return fieldViolations;
    }
}
