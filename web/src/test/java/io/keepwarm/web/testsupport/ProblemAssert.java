package io.keepwarm.web.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Checks that an answer is an RFC 9457 problem (SPEC §3) with the expected status and, for bad input, fields. */
public final class ProblemAssert {

    private ProblemAssert() {}

    /** The answer has this status and is a complete problem document; returns its body. */
    public static JsonNode assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type"))
                .as("content type of %s", response)
                .startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText())
                .as("type of %s", response)
                .isNotBlank()
                .isNotEqualTo("about:blank");
        assertThat(problem.path("title").asText()).as("title of %s", response).isNotBlank();
        assertThat(problem.path("status").asInt())
                .as("status member of %s", response)
                .isEqualTo(status);
        assertThat(problem.path("detail").asText()).as("detail of %s", response).isNotBlank();
        return problem;
    }

    /** A 400 whose {@code errors} name exactly these fields, each with a message. */
    public static JsonNode assertInvalid(Api.Response response, String... fields) {
        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.path("errors").isArray())
                .as("errors of %s", response)
                .isTrue();
        assertThat(errorFields(problem)).as("fields named by %s", response).containsExactlyInAnyOrder(fields);
        problem.path("errors").forEach(error -> assertThat(error.path("message").asText())
                .as("message of %s", error)
                .isNotBlank());
        return problem;
    }

    public static List<String> errorFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }
}
