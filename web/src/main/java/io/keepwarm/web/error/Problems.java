package io.keepwarm.web.error;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds keepwarm's RFC 9457 problem details: a stable {@code type} per reason and, for bad input, {@code errors}. */
public final class Problems {

    public static final String TYPE_BASE = "https://keepwarm.io/problems/";

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }

    /** A 400 naming each bad field and what is wrong with it. */
    public static ProblemDetail invalid(List<Map<String, String>> errors) {
        ProblemDetail problem = of(
                HttpStatus.BAD_REQUEST,
                "validation",
                errors.size() == 1
                        ? errors.get(0).get("field") + " " + errors.get(0).get("message")
                        : "the request has " + errors.size() + " invalid fields");
        problem.setProperty("errors", errors);
        return problem;
    }

    public static ProblemDetail invalid(String field, String message) {
        return invalid(List.of(Map.of("field", field, "message", message)));
    }
}
