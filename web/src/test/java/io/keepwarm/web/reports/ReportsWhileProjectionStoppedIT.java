package io.keepwarm.web.reports;

import static io.keepwarm.web.reports.ScriptedHistory.at;
import static io.keepwarm.web.reports.ScriptedHistory.interaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.application.goingcold.GoingColdReadModel;
import io.keepwarm.application.projection.Projections;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.Eventually;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reports read the event store, not the read models. The live read models are written inline by the event
 * bus's subscribers (ADR 0019), so events appended straight to the storage engine, past the bus, are in the store but
 * not in the going-cold view: the live view is stale while the report answers right; a rebuild, which replays the
 * store, brings the view level with the report again. The history lives in March 2013.
 */
class ReportsWhileProjectionStoppedIT extends IntegrationTest {

    private static final String AS_OF = "2013-03-10T00:00:00Z";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    EventStore eventStore;

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    Projections projections;

    /**
     * Seen by the view: Gil (cadence 10, added 03-01) touched on 03-02. Behind it: Gil touched again on 03-08
     * (GAVE) and on 03-09 (retracted the same day); Hal added on 03-05 with cadence 5, never contacted.
     * At 03-10: Hal r = (03-10 − (03-05 − 5 d)) / 5 d = 10 / 5 = 2.0, COLD, warmth 0; Gil last 03-08,
     * r = 2 / 10 = 0.2, WARM, warmth round(100 × 2^−0.2) = round(87.06) = 87, gives 1, ask-ready.
     */
    @Test
    void the_network_report_stays_right_while_the_going_cold_view_has_not_seen_the_events() {
        Api owner = newOwner();
        ScriptedHistory history = new ScriptedHistory(eventStore, transaction, ScriptedHistory.ownerOf(owner, jdbc));
        ContactId gil = history.addContact(at("2013-03-01T00:00:00Z"), "Gil Stopped", null, null);
        history.setCadence(at("2013-03-01T00:00:00Z"), gil, 10);
        history.logInteraction(
                at("2013-03-02T00:00:00Z"),
                interaction("2013-03-02T00:00:00Z", Channel.CALL, InitiatedBy.ME, Favor.NONE),
                gil);
        awaitLiveRow(
                owner,
                gil,
                row -> row != null
                        && "2013-03-02T00:00:00Z"
                                .equals(row.get("lastInteractionAt").asText()));

        history.appendBehindTheReadModels(storageEngine);
        history.logInteraction(
                at("2013-03-08T00:00:00Z"),
                interaction("2013-03-08T00:00:00Z", Channel.IN_PERSON, InitiatedBy.ME, Favor.GAVE),
                gil);
        InteractionId mistake = history.logInteraction(
                at("2013-03-09T00:00:00Z"),
                interaction("2013-03-09T00:00:00Z", Channel.CALL, InitiatedBy.ME, Favor.NONE),
                gil);
        history.retractInteraction(at("2013-03-09T12:00:00Z"), mistake);
        ContactId hal = history.addContact(at("2013-03-05T00:00:00Z"), "Hal Later", null, null);
        history.setCadence(at("2013-03-05T00:00:00Z"), hal, 5);

        JsonNode report = owner.get("/api/reports/network?asOf=" + AS_OF).json().get("items");
        assertExpected(report, gil, hal);
        JsonNode stale = liveItems(owner);
        assertThat(row(stale, gil).get("lastInteractionAt").asText())
                .as("the view has not seen the later touches")
                .isEqualTo("2013-03-02T00:00:00Z");
        assertThat(row(stale, hal)).as("nor the contact added meanwhile").isNull();

        // A rebuild replays the store: the new version of the view agrees with the report again.
        int before = projections.activeVersion(GoingColdReadModel.NAME);
        assertThat(admin().post("/api/admin/projections/going-cold/rebuild", Map.of())
                        .status())
                .isEqualTo(202);
        Eventually.until("the rebuild switched", () -> projections.activeVersion(GoingColdReadModel.NAME) > before);
        JsonNode live = liveItems(owner);
        assertThat(row(live, gil)).isEqualTo(row(report, gil));
        assertThat(row(live, hal)).isEqualTo(row(report, hal));
    }

    private static JsonNode liveItems(Api owner) {
        return owner.get("/api/going-cold?at=" + AS_OF + "&status=WARM,DUE_SOON,OVERDUE,COLD&limit=1000")
                .json()
                .get("items");
    }

    private static void assertExpected(JsonNode report, ContactId gil, ContactId hal) {
        JsonNode halRow = row(report, hal);
        JsonNode gilRow = row(report, gil);
        assertThat(halRow.get("status").asText()).isEqualTo("COLD");
        assertThat(halRow.get("ratio").decimalValue()).isEqualByComparingTo("2.0");
        assertThat(halRow.get("warmth").asInt()).isZero();
        assertThat(halRow.get("neverContacted").asBoolean()).isTrue();
        assertThat(halRow.get("dueAt").asText()).isEqualTo("2013-03-05T00:00:00Z");
        assertThat(gilRow.get("status").asText()).isEqualTo("WARM");
        assertThat(gilRow.get("lastInteractionAt").asText()).isEqualTo("2013-03-08T00:00:00Z");
        assertThat(gilRow.get("ratio").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(gilRow.get("warmth").asInt()).isEqualTo(87);
        assertThat(gilRow.get("gives").asInt()).isEqualTo(1);
        assertThat(gilRow.get("balance").asInt()).isEqualTo(1);
        assertThat(gilRow.get("askReady").asBoolean()).isTrue();
        assertThat(indexOf(report, hal)).as("coldest first").isLessThan(indexOf(report, gil));
    }

    private void awaitLiveRow(Api owner, ContactId contact, Predicate<JsonNode> ready) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode live = owner.get("/api/going-cold?at=" + AS_OF + "&status=WARM,DUE_SOON,OVERDUE,COLD&limit=1000")
                    .json()
                    .get("items");
            if (ready.test(row(live, contact))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the going-cold view did not catch up for " + contact + ": " + live);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static JsonNode row(JsonNode items, ContactId contact) {
        for (JsonNode item : items) {
            if (item.get("contactId").asText().equals(contact.toString())) {
                return item;
            }
        }
        return null;
    }

    private static int indexOf(JsonNode items, ContactId contact) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).get("contactId").asText().equals(contact.toString())) {
                return i;
            }
        }
        return -1;
    }
}
