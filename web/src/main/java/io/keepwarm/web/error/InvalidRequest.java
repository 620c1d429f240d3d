package io.keepwarm.web.error;

import java.util.List;

/**
 * The HTTP request itself could not be read: a query parameter, header or body field that does not parse, before
 * any command exists to break a domain rule. Carries every bad field found, so a client learns all its mistakes
 * at once; {@link ProblemHandling} answers it with a 400 whose {@code errors} name each one.
 */
public class InvalidRequest extends RuntimeException {

    /** One bad part of the request: a parameter, header or JSON field, and what is wrong with it. */
    public record InvalidField(String field, String message) {}

    private final List<InvalidField> fields;

    public InvalidRequest(List<InvalidField> fields) {
        super(
                fields.isEmpty()
                        ? "the request is invalid"
                        : fields.get(0).field() + " " + fields.get(0).message());
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one field");
        }
        this.fields = List.copyOf(fields);
    }

    public static InvalidRequest of(String field, String message) {
        return new InvalidRequest(List.of(new InvalidField(field, message)));
    }

    public List<InvalidField> fields() {
        return fields;
    }
}
