package io.keepwarm.web.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.web.error.DatabaseUnavailable;
import io.keepwarm.web.error.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Problem responses written by the security filters, which run before any controller advice. */
@Component
public class SecurityProblems {

    private final ObjectMapper json;

    public SecurityProblems(ObjectMapper json) {
        this.json = json;
    }

    void unauthenticated(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"keepwarm\"");
        write(response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", detail));
    }

    void tokenExpired(HttpServletResponse response, java.time.Instant expiredAt) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"keepwarm\", error=\"invalid_token\"");
        write(
                response,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        "token-expired",
                        "the bearer token expired at " + expiredAt + "; create a new one (POST /api/me/tokens)"));
    }

    void forbidden(HttpServletResponse response) throws IOException {
        write(response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "this needs the ADMIN role"));
    }

    void tooManyFailures(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(
                response,
                Problems.of(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "too-many-failed-authentications",
                        "too many requests with invalid tokens from this client; retry after " + retryAfterSeconds
                                + " s"));
    }

    void tooManyWrites(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(
                response,
                Problems.of(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "rate-limited",
                        "too many writes from this user; retry after " + retryAfterSeconds + " s"));
    }

    void databaseUnavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
        write(response, DatabaseUnavailable.problem());
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
