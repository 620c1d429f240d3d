package io.keepwarm.web.error;

import static io.keepwarm.web.testsupport.Fixtures.addContact;
import static io.keepwarm.web.testsupport.Fixtures.archive;
import static io.keepwarm.web.testsupport.Fixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;

import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What the log holds for a request that goes wrong: a rejected request (400, 404, 409, 412) at most one line and
 * never a stack trace (Axon's repository used to log 28 KB for each rejected AddContact); an unexpected failure
 * one stack trace, with the request id.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestLoggingIT extends IntegrationTest {

    @Autowired
    ProblemHandling problemHandling;

    @Test
    void a_rejected_request_logs_at_most_one_line_and_no_stack_trace(CapturedOutput output) {
        Api owner = newOwner();
        String contact = addContact(owner, "Logged Once");
        String archived = addContact(owner, "Archived Already");
        archive(owner, archived);
        String stale = owner.get("/api/contacts/" + contact).header("ETag");
        assertThat(owner.patch("/api/contacts/" + contact, Map.of("role", "Engineer"))
                        .status())
                .isEqualTo(200);
        Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        assertLogsAtMostOneLine(
                output,
                400,
                () -> owner.post("/api/contacts", Map.of("displayName", "")),
                "an AddContact its rule rejects");
        assertLogsAtMostOneLine(
                output, 400, () -> owner.post("/api/contacts", Map.of("displayName", 42)), "a body of the wrong type");
        assertLogsAtMostOneLine(
                output,
                404,
                () -> owner.put("/api/contacts/" + UUID.randomUUID() + "/cadence", Map.of("everyDays", 30)),
                "a command on a contact that does not exist");
        assertLogsAtMostOneLine(
                output,
                409,
                () -> owner.post("/api/interactions", interaction(yesterday, archived)),
                "an interaction with an archived contact");
        assertLogsAtMostOneLine(
                output,
                412,
                () -> owner.with("If-Match", stale).patch("/api/contacts/" + contact, Map.of("role", "Writer")),
                "a patch with a stale ETag");
    }

    @Test
    void an_unexpected_failure_logs_one_stack_trace_with_the_request_id(CapturedOutput output) {
        String requestId = "req-" + UUID.randomUUID();
        int before = output.getAll().length();
        MDC.put("requestId", requestId);
        try {
            var answer = problemHandling.unexpected(new IllegalStateException("something nobody expected"));
            assertThat(answer.getStatusCode().value()).isEqualTo(500);
        } finally {
            MDC.remove("requestId");
        }

        String logged = output.getAll().substring(before);
        assertThat(logged).contains("unexpected failure in request " + requestId);
        assertThat(count(logged, "java.lang.IllegalStateException: something nobody expected"))
                .isEqualTo(1);
        assertThat(logged).contains("\tat ");
    }

    private static void assertLogsAtMostOneLine(
            CapturedOutput output, int status, Supplier<Api.Response> request, String what) {
        int before = output.getAll().length();
        Api.Response answer = request.get();
        assertThat(answer.status()).as(what + ": " + answer).isEqualTo(status);
        String logged = output.getAll().substring(before);
        List<String> lines =
                Arrays.stream(logged.split("\\R")).filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("log lines for %s", what).hasSizeLessThanOrEqualTo(1);
        assertThat(logged).as("log for %s", what).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
