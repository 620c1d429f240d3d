package io.keepwarm.web.support;

import io.keepwarm.domain.DomainRuleViolation;
import io.keepwarm.domain.DomainRuleViolation.FieldViolation;
import java.time.Instant;
import java.util.List;

/**
 * Instants given as query parameters must lie in the years 1 to 9999 (ISO-8601's four-digit years). Beyond them
 * the going-cold arithmetic overflows and PostgreSQL cannot compare them, which would answer 500 instead of 400.
 */
public final class QueryInstants {

    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private QueryInstants() {}

    /** The instant as given (null stays null), or a 400 naming the parameter when it is out of range. */
    public static Instant checked(String parameter, Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw DomainRuleViolation.invalid(List.of(
                    new FieldViolation(parameter, "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z")));
        }
        return value;
    }
}
