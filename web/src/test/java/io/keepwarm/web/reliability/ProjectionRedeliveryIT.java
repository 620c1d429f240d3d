package io.keepwarm.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.application.contact.ContactProjection;
import io.keepwarm.application.contact.ContactReadModel;
import io.keepwarm.application.goingcold.GoingColdProjection;
import io.keepwarm.application.goingcold.GoingColdReadModel;
import io.keepwarm.application.history.RelationshipHistoryProjection;
import io.keepwarm.application.history.RelationshipHistoryReadModel;
import io.keepwarm.application.projection.LiveProjections;
import io.keepwarm.application.projection.ProjectionDefinition;
import io.keepwarm.application.projection.ProjectionHandOver;
import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.application.projection.Projections;
import io.keepwarm.application.projection.SegmentClaims;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Projections are fed at least once: after a crash between a batch's writes and its token update, or after a
 * token is moved back, events arrive again. Each read model must come out exactly as it was.
 *
 * <p>The owner's history exercises every kind of event: details, cadence set and cleared, snooze and wake,
 * archive and restore, interactions with one and several contacts, corrections, a retraction, and a forgotten
 * contact.
 */
class ProjectionRedeliveryIT extends IntegrationTest {

    private static final List<String> READ_MODELS =
            List.of("contact_view", "going_cold", "going_cold_interaction", "history_entry");

    @Autowired
    EventStore eventStore;

    @Autowired
    LiveProjections live;

    @Autowired
    ProjectionHandOver handOver;

    @Autowired
    EventStorageEngine storage;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    Projections projections;

    @Autowired
    TransactionManager transactionManager;

    @Autowired
    GoingColdReadModel goingColdReadModel;

    @Autowired
    ContactReadModel contactReadModel;

    @Autowired
    RelationshipHistoryReadModel historyReadModel;
    /** The handler instances of each projection's active version, as its processor runs them. */
    GoingColdProjection goingCold;

    ContactProjection contacts;
    RelationshipHistoryProjection history;

    @org.junit.jupiter.api.BeforeEach
    void activeProjections() {
        goingCold = (GoingColdProjection) goingColdReadModel.handlersFor(
                ProjectionTables.of(goingColdReadModel, projections.activeVersion(GoingColdReadModel.NAME)));
        contacts = (ContactProjection) contactReadModel.handlersFor(
                ProjectionTables.of(contactReadModel, projections.activeVersion(ContactReadModel.NAME)));
        history = (RelationshipHistoryProjection) historyReadModel.handlersFor(
                ProjectionTables.of(historyReadModel, projections.activeVersion(RelationshipHistoryReadModel.NAME)));
    }

    private UUID ownerId;
    private final List<String> contactIds = new ArrayList<>();

    @BeforeEach
    void anOwnerWithEveryKindOfEvent() {
        Api owner = newOwner();
        ownerId = UUID.fromString(owner.get("/api/me").json().get("userId").asText());
        String ada = add(owner, "Ada", "London");
        String grace = add(owner, "Grace", "Arlington");
        String alan = add(owner, "Alan", "Manchester");
        String gone = add(owner, "Forgettable", "Nowhere");
        ok(owner.patch("/api/contacts/" + ada, Map.of("organization", "Analytical Engines", "tags", List.of("math"))));
        ok(owner.put("/api/contacts/" + ada + "/cadence", Map.of("everyDays", 21)));
        ok(owner.put("/api/contacts/" + grace + "/cadence", Map.of("everyDays", 60)));
        ok(owner.delete("/api/contacts/" + grace + "/cadence"));
        ok(owner.put("/api/contacts/" + grace + "/cadence", Map.of("everyDays", 90)));
        ok(owner.post(
                "/api/contacts/" + alan + "/snooze",
                Map.of("until", Instant.now().plus(Duration.ofDays(9)).toString())));
        ok(owner.delete("/api/contacts/" + alan + "/snooze"));
        ok(owner.post("/api/contacts/" + alan + "/archive", null));
        ok(owner.post("/api/contacts/" + alan + "/restore", null));
        String coffee = log(owner, List.of(ada, grace, gone), "2026-01-10T09:00:00Z", "GAVE");
        String call = log(owner, List.of(ada), "2026-02-01T17:30:00Z", "ASKED");
        log(owner, List.of(grace, alan), "2026-02-03T08:00:00Z", "NONE");
        ok(owner.patch(
                "/api/interactions/" + coffee, Map.of("occurredAt", "2026-01-11T09:00:00Z", "note", "first fix")));
        ok(owner.patch("/api/interactions/" + coffee, Map.of("favor", "ASKED", "note", "second fix")));
        ok(owner.delete("/api/interactions/" + call + "?reason=wrong%20person"));
        ok(owner.delete("/api/contacts/" + gone));
        contactIds.addAll(List.of(ada, grace, alan, gone));
    }

    /** Ways the same events reach a projection again. */
    enum Redelivery {
        /** Every event twice in a row within one batch. */
        EACH_EVENT_TWICE_IN_ONE_BATCH,
        /** The whole sequence, then the whole sequence again, within one batch. */
        THE_SEQUENCE_TWICE_IN_ONE_BATCH,
        /** A batch committed, its token update lost: the next batch brings the same events again. */
        THE_SEQUENCE_AGAIN_IN_A_LATER_BATCH
    }

    @ParameterizedTest
    @EnumSource(Redelivery.class)
    void handlers_seeing_the_same_events_again_leave_every_read_model_unchanged(Redelivery redelivery) {
        Map<String, List<Map<String, Object>>> before = readModels();
        List<TrackedEventMessage<?>> events = ownersEvents();
        assertThat(events).hasSizeGreaterThan(20);

        for (Object projection : List.of(goingCold, contacts, history)) {
            AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
            switch (redelivery) {
                case EACH_EVENT_TWICE_IN_ONE_BATCH ->
                    inOneBatch(
                            handlers,
                            events.stream()
                                    .flatMap(event -> java.util.stream.Stream.of(event, event))
                                    .toList());
                case THE_SEQUENCE_TWICE_IN_ONE_BATCH -> {
                    List<TrackedEventMessage<?>> twice = new ArrayList<>(events);
                    twice.addAll(events);
                    inOneBatch(handlers, twice);
                }
                case THE_SEQUENCE_AGAIN_IN_A_LATER_BATCH -> {
                    inOneBatch(handlers, events);
                    inOneBatch(handlers, events);
                }
            }
        }

        assertThat(readModels()).isEqualTo(before);
    }

    /**
     * The hand-over from a streaming processor to the inline writer (a rebuild's switch, the first start after an
     * upgrade) applies what the processor's tokens do not cover. Tokens moved back — what a crash between a batch's
     * writes and its token update amounted to before ADR 0019 — bring events the version has already applied.
     */
    @Test
    void a_hand_over_from_tokens_moved_back_redelivers_and_leaves_every_read_model_unchanged() {
        Map<String, List<Map<String, Object>>> before = readModels();
        long firstOfOwner = ownersEvents().get(0).trackingToken().position().orElseThrow();
        TrackingToken back = GapAwareTrackingToken.newInstance(firstOfOwner - 1, Set.of());

        for (ProjectionDefinition definition : List.of(goingColdReadModel, contactReadModel, historyReadModel)) {
            ProjectionTables tables = ProjectionTables.of(definition, projections.activeVersion(definition.name()));
            List<SegmentClaims.Segment> movedBack = List.of(
                    new SegmentClaims.Segment(tables.processorName(), 0, back, null, null, false),
                    new SegmentClaims.Segment(tables.processorName(), 1, back, null, null, false));
            Integer applied = transaction.execute(status -> {
                handOver.exclusive();
                return live.catchUp(tables, movedBack);
            });
            assertThat(applied).as("events handed over again to %s", tables).isGreaterThan(20);
        }

        assertThat(readModels()).isEqualTo(before);
    }

    /**
     * The first start after events were added behind the server's back (or after an upgrade whose processors lagged)
     * hands over most of the store: it reads and applies it a page at a time, never the rest of the store at once
     * (1,000,000 seeded events ran a 512 MB heap out of memory before).
     */
    @Test
    void a_hand_over_reads_and_applies_the_store_a_page_at_a_time() {
        long firstOfOwner = ownersEvents().get(0).trackingToken().position().orElseThrow();
        TrackingToken back = GapAwareTrackingToken.newInstance(firstOfOwner - 1, Set.of());
        List<SegmentClaims.Segment> behind = List.of(
                new SegmentClaims.Segment("going-cold@v1", 0, back, null, null, false),
                new SegmentClaims.Segment("going-cold@v1", 1, back, null, null, false));
        ProjectionHandOver pagesOfTen = new ProjectionHandOver(jdbc, storage, 10);
        List<Integer> pages = new ArrayList<>();
        List<Long> positions = new ArrayList<>();

        Integer uncovered = transaction.execute(status -> {
            pagesOfTen.exclusive();
            return pagesOfTen.uncovered(behind, page -> {
                pages.add(page.size());
                page.forEach(
                        event -> positions.add(event.trackingToken().position().orElseThrow()));
            });
        });

        assertThat(uncovered).isGreaterThan(20).isEqualTo(positions.size());
        assertThat(pages).hasSizeGreaterThan(2).allSatisfy(size -> assertThat(size)
                .isBetween(1, 10));
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(positions.get(0)).isEqualTo(firstOfOwner);
        assertThat(positions.get(positions.size() - 1))
                .isEqualTo(jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class));
    }

    private void inOneBatch(AnnotationEventHandlerAdapter handlers, List<TrackedEventMessage<?>> events) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(events.get(0));
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.execute(() -> {
            for (TrackedEventMessage<?> event : events) {
                try {
                    if (handlers.canHandle(event)) {
                        handlers.handle(event);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    /** The owner's events as a tracking processor receives them (tracked, deserialized, with sequence numbers). */
    private List<TrackedEventMessage<?>> ownersEvents() {
        Long first = jdbc.queryForObject(
                "SELECT min(global_index) FROM domain_event_entry WHERE aggregate_identifier = ANY(?)",
                Long.class,
                (Object) contactIds.toArray(String[]::new));
        Long last = jdbc.queryForObject(
                "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ANY(?)",
                Long.class,
                (Object) contactIds.toArray(String[]::new));
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream =
                eventStore.openStream(GapAwareTrackingToken.newInstance(first - 1, Set.of()))) {
            while (true) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (event instanceof DomainEventMessage<?> domain
                        && contactIds.contains(domain.getAggregateIdentifier())) {
                    events.add(event);
                }
                if (event.trackingToken().position().orElseThrow() >= last) {
                    return events;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every row of the owner in every read model, in key order, each value compared by content. */
    private Map<String, List<Map<String, Object>>> readModels() {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String table : READ_MODELS) {
            String order = table.equals("history_entry")
                    ? "position"
                    : table.equals("going_cold_interaction") ? "contact_id, interaction_id" : "contact_id";
            rows.put(
                    table,
                    jdbc
                            .queryForList("SELECT * FROM " + table + " WHERE owner_id = ? ORDER BY " + order, ownerId)
                            .stream()
                            .map(ProjectionRedeliveryIT::comparable)
                            .toList());
        }
        assertThat(rows.get("history_entry")).hasSizeGreaterThan(20);
        assertThat(rows.get("going_cold_interaction")).hasSizeGreaterThanOrEqualTo(6);
        return rows;
    }

    private static Map<String, Object> comparable(Map<String, Object> row) {
        return row.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        entry -> {
                            Object value = entry.getValue();
                            if (value instanceof byte[] bytes) {
                                // sort_key (bytea): arrays compare by identity, so by their bytes here.
                                return "\\x" + HexFormat.of().formatHex(bytes);
                            }
                            if (value instanceof Array array) {
                                try {
                                    return Arrays.asList((Object[]) array.getArray());
                                } catch (SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                            return value == null ? "(null)" : value;
                        },
                        (a, b) -> a,
                        LinkedHashMap::new));
    }

    private static String add(Api owner, String name, String city) {
        Api.Response created = owner.post("/api/contacts", Map.of("displayName", name, "city", city));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("contactId").asText();
    }

    private static String log(Api owner, List<String> contacts, String occurredAt, String favor) {
        String id = UUID.randomUUID().toString();
        ok(owner.post(
                "/api/interactions",
                Map.of(
                        "interactionId",
                        id,
                        "contactIds",
                        contacts,
                        "occurredAt",
                        occurredAt,
                        "channel",
                        "CALL",
                        "initiatedBy",
                        "ME",
                        "favor",
                        favor,
                        "note",
                        "note " + id)));
        return id;
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
    }
}
