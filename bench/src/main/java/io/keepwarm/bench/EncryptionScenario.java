package io.keepwarm.bench;

import io.keepwarm.application.eventstore.StoredMessageMapper;
import io.keepwarm.application.privacy.PersonalDataModule;
import io.keepwarm.application.privacy.PersonalDataSerialization;
import io.keepwarm.domain.contact.api.ContactEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The cost of encryption (issue 8): the same events serialized and deserialized, in this JVM, by the application's
 * sealing event serializer (personal data sealed with AES-GCM under each contact's key) and by the plain Jackson
 * serializer with personal data in clear. Keys come from the application's own {@code ContactKeys} and its cache,
 * as on the write path once a contact's key is cached; each event is deserialized and its personal data read.
 */
final class EncryptionScenario {

    private EncryptionScenario() {}

    /** The plain serializer: the event store's JSON shape with personal data in clear. */
    static Serializer clearSerializer() {
        return JacksonSerializer.builder()
                .objectMapper(StoredMessageMapper.create(PersonalDataModule.clear()))
                .build();
    }

    static Serializer sealingSerializer(SeedKeys keys) {
        return new PersonalDataSerialization().eventSerializer(keys.contactKeys());
    }

    static void run(Bench bench, int events) {
        int contacts = Math.max(1, events / 10);
        EventSeeder.Timeline timeline =
                new EventSeeder.Timeline(new EventSeeder.Plan(List.of(UUID.randomUUID()), contacts, 8, 42));
        List<Object> payloads = new ArrayList<>(timeline.size());
        for (int i = 0; i < timeline.size(); i++) {
            GenericDomainEventMessage<?> event = timeline.event(i);
            payloads.add(event.getPayload());
        }
        Serializer sealing = sealingSerializer(new SeedKeys());
        Serializer clear = clearSerializer();
        System.out.println(
                "encryption cost: serialize + deserialize " + payloads.size() + " events, sealing vs plain Jackson");
        roundTrip(sealing, payloads); // every contact's key created and cached
        List<Object> warmUp = payloads.subList(0, Math.min(payloads.size(), 50_000));
        for (int i = 0; i < 3; i++) { // JIT: both paths compiled before anything counts
            roundTrip(sealing, warmUp);
            roundTrip(clear, warmUp);
        }
        List<Double> sealed = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (int run = 0; run < bench.sizes().runs(); run++) {
            sealed.add(roundTrip(sealing, payloads));
            plain.add(roundTrip(clear, payloads));
            System.out.printf(
                    "  run %d: sealing %,.0f events/s, plain %,.0f events/s%n",
                    run + 1, sealed.get(run), plain.get(run));
        }
        bench.results()
                .add(Results.Figure.of(
                        "8. encryption",
                        "serialize + deserialize, sealing serializer",
                        "events/s",
                        sealed,
                        "plain Jackson serializer, personal data in clear",
                        plain,
                        Results.Better.HIGHER,
                        Results.Goal.NONE,
                        payloads.size() + " events (ContactAdded, CadenceSet, InteractionLogged), in the harness JVM"));
    }

    /** @return events per second */
    private static double roundTrip(Serializer serializer, List<Object> payloads) {
        long started = System.nanoTime();
        long check = 0;
        for (Object payload : payloads) {
            SerializedObject<byte[]> serialized = serializer.serialize(payload, byte[].class);
            ContactEvent back = serializer.deserialize(serialized);
            check += back.contactId().hashCode()
                    + serialized.getData().length
                    + back.toString().length();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (check == 42) {
            System.out.print(""); // keeps the loop's results alive
        }
        return payloads.size() / seconds;
    }
}
