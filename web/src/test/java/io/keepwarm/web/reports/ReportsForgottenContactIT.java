package io.keepwarm.web.reports;

import static io.keepwarm.web.reports.ScriptedHistory.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keepwarm.domain.contact.api.Channel;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.Favor;
import io.keepwarm.domain.contact.api.InitiatedBy;
import io.keepwarm.domain.contact.api.InteractionRecord;
import io.keepwarm.domain.contact.api.Note;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgetting (SPEC §6) reaches the reports: the contact leaves the network report of every date, even one before
 * the forgetting, as it leaves the live views; the activity numbers keep counting its touches, which say nothing
 * about the person. The history lives in early 2015.
 */
class ReportsForgottenContactIT extends IntegrationTest {

    @Autowired
    EventStore eventStore;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void a_forgotten_contact_leaves_the_reports_of_every_date() {
        Api owner = newOwner();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        ScriptedHistory history = new ScriptedHistory(eventStore, transaction, ScriptedHistory.ownerOf(owner, jdbc));
        ContactId zed = history.addContact(
                at("2015-01-01T00:00:00Z"), "Zed " + marker, "City" + marker, "Europe/Rome", "tag-" + marker);
        history.setCadence(at("2015-01-01T00:00:00Z"), zed, 30);
        history.logInteraction(
                at("2015-01-10T00:00:00Z"),
                new InteractionRecord(
                        at("2015-01-10T00:00:00Z"),
                        Channel.CALL,
                        InitiatedBy.ME,
                        Favor.GAVE,
                        Note.of("note " + marker)),
                zed);
        history.forget(at("2015-03-01T00:00:00Z"), zed);

        for (String asOf : new String[] {"2015-02-01T00:00:00Z", "2015-04-01T00:00:00Z"}) {
            for (String knownAt : new String[] {"", "&knownAt=2015-02-01T00:00:00Z"}) {
                var report = owner.get("/api/reports/network?asOf=" + asOf + knownAt);
                assertThat(report.status()).isEqualTo(200);
                assertThat(row(report.json().get("items"), zed))
                        .as("asOf " + asOf + knownAt)
                        .isNull();
                assertThat(report.body()).doesNotContain(marker);
                assertThat(owner.get("/api/reports/network?asOf=" + asOf + knownAt, "text/csv")
                                .body())
                        .doesNotContain(marker);
            }
        }

        JsonNode january = owner.get(
                        "/api/reports/activity?from=2015-01-01T00:00:00Z&to=2015-02-01T00:00:00Z" + "&groupBy=month")
                .json()
                .get("periods")
                .get(0);
        assertThat(january.get("interactions").asInt())
                .as("the touch happened; only the person is forgotten")
                .isEqualTo(1);
        assertThat(january.get("gives").asInt()).isEqualTo(1);
        assertThat(january.get("trackedContacts").asInt())
                .as("but the person is not in the view any more")
                .isZero();
    }

    private static JsonNode row(JsonNode items, ContactId contact) {
        for (JsonNode item : items) {
            if (item.get("contactId").asText().equals(contact.toString())) {
                return item;
            }
        }
        return null;
    }
}
