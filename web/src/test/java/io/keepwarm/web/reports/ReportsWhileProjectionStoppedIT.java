package io.keepwarm.web.reports;

import static io.keepwarm.web.reports.ScriptedHistory.at;
import static io.keepwarm.web.reports.ScriptedHistory.interaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.application.goingcold.GoingColdReadModel;
import io.keepwarm.application.projection.ProjectionProcessors;
import io.keepwarm.application.projection.ProjectionTables;
import io.keepwarm.application.projection.Projections;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Duration;
import java.util.function.Predicate;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reports read the event store, not the read models: with the going-cold projection stopped, the live view
 * goes stale while the report keeps answering right. The history lives in March 2013.
 */
class ReportsWhileProjectionStoppedIT extends IntegrationTest {

    private static final String AS_OF = "2013-03-10T00:00:00Z";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    EventStore eventStore;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    ProjectionProcessors processors;

    @Autowired
    Projections projections;

    /**
     * Before the stop: Gil (cadence 10, added 03-01) touched on 03-02. While stopped: Gil touched again on 03-08
     * (GAVE) and on 03-09 (retracted the same day); Hal added on 03-05 with cadence 5, never contacted.
     * At 03-10: Hal r = (03-10 − (03-05 − 5 d)) / 5 d = 10 / 5 = 2.0, COLD, warmth 0; Gil last 03-08,
     * r = 2 / 10 = 0.2, WARM, warmth round(100 × 2^−0.2) = round(87.06) = 87, gives 1, ask-ready.
     */
    @Test
    void the_network_report_stays_right_while_the_going_cold_projection_is_stopped() {
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

        EventProcessor goingCold = processors
                .get(ProjectionTables.processorName(
                        GoingColdReadModel.NAME, projections.activeVersion(GoingColdReadModel.NAME)))
                .orElseThrow(() -> new AssertionError("no going-cold processor"))
                .processor();
        goingCold.shutDown();
        ContactId hal;
        try {
            assertThat(goingCold.isRunning()).isFalse();
            history.logInteraction(
                    at("2013-03-08T00:00:00Z"),
                    interaction("2013-03-08T00:00:00Z", Channel.IN_PERSON, InitiatedBy.ME, Favor.GAVE),
                    gil);
            InteractionId mistake = history.logInteraction(
                    at("2013-03-09T00:00:00Z"),
                    interaction("2013-03-09T00:00:00Z", Channel.CALL, InitiatedBy.ME, Favor.NONE),
                    gil);
            history.retractInteraction(at("2013-03-09T12:00:00Z"), mistake);
            hal = history.addContact(at("2013-03-05T00:00:00Z"), "Hal Later", null, null);
            history.setCadence(at("2013-03-05T00:00:00Z"), hal, 5);

            JsonNode report =
                    owner.get("/api/reports/network?asOf=" + AS_OF).json().get("items");
            assertExpected(report, gil, hal);

            JsonNode live = owner.get("/api/going-cold?at=" + AS_OF + "&status=WARM,DUE_SOON,OVERDUE,COLD&limit=1000")
                    .json()
                    .get("items");
            assertThat(row(live, gil).get("lastInteractionAt").asText())
                    .as("the stopped projection has not seen the later touches")
                    .isEqualTo("2013-03-02T00:00:00Z");
            assertThat(row(live, hal)).as("nor the contact added meanwhile").isNull();
        } finally {
            goingCold.start();
        }

        // Once restarted, the projection catches up and agrees with the report again.
        awaitLiveRow(owner, hal, row -> row != null);
        awaitLiveRow(
                owner,
                gil,
                row -> row != null
                        && "2013-03-08T00:00:00Z"
                                .equals(row.get("lastInteractionAt").asText()));
        JsonNode live = owner.get("/api/going-cold?at=" + AS_OF + "&status=WARM,DUE_SOON,OVERDUE,COLD&limit=1000")
                .json()
                .get("items");
        JsonNode report = owner.get("/api/reports/network?asOf=" + AS_OF).json().get("items");
        assertThat(row(live, gil)).isEqualTo(row(report, gil));
        assertThat(row(live, hal)).isEqualTo(row(report, hal));
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
