package io.keepwarm.web.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.Instant;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API reads JSON strictly: what a client sends is either exactly what it meant or a 400, never a guess.
 * Jackson's lenient defaults would otherwise accept, and store, things a client did not write:
 * <ul>
 *   <li>a number or boolean where text belongs ({@code "displayName": 42} became the name "42");</li>
 *   <li>text where a number belongs ({@code "everyDays": "30"});</li>
 *   <li>an enum by its ordinal ({@code "favor": 1} became {@code ASKED});</li>
 *   <li>a key given twice (the last one silently won) and content after the JSON value (ignored);</li>
 *   <li>an instant as a bare number ({@code "occurredAt": 1700000000} was read as epoch seconds): instants are
 *       ISO-8601 text only, as in query parameters ({@link QueryInstants});</li>
 *   <li>a NUL character ({@code "\u0000"}) in any string: PostgreSQL cannot store it in text, and no field of
 *       keepwarm's means it (a 400 naming the field, {@link RequestTextFilter#NUL_MESSAGE}).</li>
 * </ul>
 * Only the HTTP mapper is affected; stored events have their own mapper ({@code StoredMessageMapper}).
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJsonReading() {
        return builder -> builder.featuresToEnable(
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .postConfigurer(mapper -> mapper.registerModule(
                        new SimpleModule("iso-instants").addDeserializer(Instant.class, new IsoInstant())))
                .postConfigurer(mapper -> mapper.registerModule(
                        new SimpleModule("nul-free-strings").addDeserializer(String.class, new NulFreeString())));
    }

    /** Jackson's own string reading (with the coercions refused above), and a string with a NUL refused. */
    static final class NulFreeString extends StdScalarDeserializer<String> {

        NulFreeString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && text.indexOf('\0') >= 0) {
                return (String) context.handleWeirdStringValue(String.class, text, RequestTextFilter.NUL_MESSAGE);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** An instant from ISO-8601 text and nothing else; registered after Boot's JavaTimeModule, so it wins. */
    static final class IsoInstant extends StdScalarDeserializer<Instant> {

        IsoInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getText();
            try {
                return QueryInstants.iso(text);
            } catch (IllegalArgumentException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, QueryInstants.EXPECTED);
            }
        }
    }
}
