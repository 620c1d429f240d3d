package io.keepwarm.web.support;

import io.keepwarm.web.error.InvalidRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Instants in query parameters are ISO-8601 (SPEC §3), as they are in bodies ({@link StrictJson}): a bare number
 * is a 400, never read as epoch seconds or milliseconds, which Spring's default {@code Instant} parsing would do
 * ({@code at=1796236110} was read as milliseconds of 1970). Registered for every {@code @RequestParam Instant}.
 *
 * <p>They must also lie in the years 1 to 9999 (ISO-8601's four-digit years). Beyond them the going-cold
 * arithmetic overflows and PostgreSQL cannot compare them, which would answer 500 instead of 400.
 */
@Configuration(proxyBeanMethods = false)
public class QueryInstants implements WebMvcConfigurer {

    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    public static final String EXPECTED = "an ISO-8601 instant such as 2026-03-01T09:30:00Z";

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Instant.class, QueryInstants::iso);
    }

    /** ISO-8601 text only ({@code 2026-03-01T09:30:00Z}, an offset instead of {@code Z} is fine). */
    public static Instant iso(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be " + EXPECTED, e);
        }
    }

    /** The instant as given (null stays null), or a 400 naming the parameter when it is out of range. */
    public static Instant checked(String parameter, Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw InvalidRequest.of(parameter, "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        return value;
    }
}
