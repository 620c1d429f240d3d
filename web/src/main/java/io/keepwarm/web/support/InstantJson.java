package io.keepwarm.web.support;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API writes an instant as {@link Instant#toString} does (ISO-8601 in UTC, {@code 2026-12-04T03:37:28.123456Z}:
 * the seconds always, a fraction in groups of three digits only when there is one), the text
 * {@code DateTimeFormatter.ISO_INSTANT} gives and Jackson's own {@code InstantSerializer} wrote. Written digit by
 * digit into the generator instead of through the formatter, which built a string per instant through its printer
 * chain: a going-cold page writes some 400 of them, and that was a share of the read's CPU of its own (docs/bench.md,
 * "Reads: the server's own share"). Years outside 0000–9999, which the formatter writes with a sign and more digits,
 * are left to {@link Instant#toString}. Only the HTTP mapper is affected; stored events have their own mapper.
 */
@Configuration(proxyBeanMethods = false)
public class InstantJson {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z in epoch seconds: the years written here. */
    static final long FIRST_SECOND = -62_167_219_200L;

    static final long LAST_SECOND = 253_402_300_799L;

    private static final int SECONDS_PER_DAY = 86_400;

    @Bean
    Jackson2ObjectMapperBuilderCustomizer isoInstantWriting() {
        return builder -> builder.postConfigurer(mapper -> mapper.registerModule(
                new SimpleModule("iso-instant-text").addSerializer(Instant.class, new Serializer())));
    }

    /** The instant's text; the same characters as {@link Instant#toString}. */
    static String text(Instant instant) {
        char[] text = new char[30];
        int length = write(instant, text);
        return length < 0 ? instant.toString() : new String(text, 0, length);
    }

    /**
     * Writes the instant's text into {@code to} (30 characters at least) and answers its length, or -1 for a year
     * outside 0000–9999 (nothing written).
     */
    static int write(Instant instant, char[] to) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return -1;
        }
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int second = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        int year = date.getYear();
        digits(to, 0, year / 100, 2);
        digits(to, 2, year % 100, 2);
        to[4] = '-';
        digits(to, 5, date.getMonthValue(), 2);
        to[7] = '-';
        digits(to, 8, date.getDayOfMonth(), 2);
        to[10] = 'T';
        digits(to, 11, second / 3600, 2);
        to[13] = ':';
        digits(to, 14, second / 60 % 60, 2);
        to[16] = ':';
        digits(to, 17, second % 60, 2);
        int at = 19;
        int nanos = instant.getNano();
        if (nanos != 0) {
            to[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(to, at, nanos / 1_000_000, 3);
                at += 3;
            } else if (nanos % 1_000 == 0) {
                digits(to, at, nanos / 1_000, 6);
                at += 6;
            } else {
                digits(to, at, nanos, 9);
                at += 9;
            }
        }
        to[at++] = 'Z';
        return at;
    }

    /** {@code value} as exactly {@code count} decimal digits, leading zeros included. */
    private static void digits(char[] to, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            to[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Jackson's serializer for instants in the API's answers. */
    static final class Serializer extends StdScalarSerializer<Instant> {

        Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            char[] text = new char[30];
            int length = write(value, text);
            if (length < 0) {
                generator.writeString(value.toString());
            } else {
                generator.writeString(text, 0, length);
            }
        }
    }
}
