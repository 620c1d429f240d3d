package io.keepwarm.application.eventstore;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.OwnerId;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;

/**
 * The JSON shape of everything Axon stores (events, metadata, snapshots, tokens, dead letters).
 *
 * <p>Instants are read by {@link StoredInstants}, which reads the shape they are written in without a
 * {@code DateTimeFormatter}.
 *
 * <p>It is its own {@link ObjectMapper}, not the one the HTTP API uses, so a change to the API's JSON can never
 * change how stored events read. Typed ids are stored as bare UUID strings and instants as ISO-8601 strings;
 * unknown properties are ignored so older code can read events written by newer code.
 */
public final class StoredMessageMapper {

    private StoredMessageMapper() {}

    public static ObjectMapper create(com.fasterxml.jackson.databind.Module... more) {
        SimpleModule ids = new SimpleModule("keepwarm-ids");
        id(ids, ContactId.class, ContactId::of);
        id(ids, InteractionId.class, InteractionId::of);
        id(ids, OwnerId.class, OwnerId::of);
        // registered after JavaTimeModule, so it takes precedence for Instant
        ids.addDeserializer(Instant.class, StoredInstants.INSTANCE);
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(ids)
                .addModules(more)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    private static <T> void id(SimpleModule module, Class<T> type, Function<String, T> parse) {
        module.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(value.toString());
            }
        });
        module.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return parse.apply(parser.getValueAsString());
            }
        });
    }
}
