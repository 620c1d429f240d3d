package io.keepwarm.web.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
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

    /**
     * The problem's {@code instance}: the path the client asked for (for an error forwarded to {@code /error}, the
     * original one, not {@code /error}).
     */
    public static String instance(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String given ? given : request.getRequestURI();
        try {
            return URI.create(path == null || path.isEmpty() ? "/" : path).toString();
        } catch (IllegalArgumentException notAUri) {
            return "/";
        }
    }

    /** Writes a problem from a servlet filter, which runs before any controller advice could. */
    public static void write(
            HttpServletRequest request, HttpServletResponse response, ObjectMapper json, ProblemDetail problem)
            throws IOException {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(instance(request)));
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
