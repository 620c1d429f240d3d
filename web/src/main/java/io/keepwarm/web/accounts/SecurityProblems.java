package io.keepwarm.web.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.web.error.DatabaseUnavailable;
import io.keepwarm.web.error.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Problem responses written by the security filters, which run before any controller advice. */
@Component
public class SecurityProblems {

    private final ObjectMapper json;

    public SecurityProblems(ObjectMapper json) {
        this.json = json;
    }

    void unauthenticated(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"keepwarm\"");
        write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", detail));
    }

    void tokenExpired(HttpServletRequest request, HttpServletResponse response, java.time.Instant expiredAt)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"keepwarm\", error=\"invalid_token\"");
        write(
                request,
                response,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        "token-expired",
                        "the bearer token expired at " + expiredAt + "; create a new one (POST /api/me/tokens)"));
    }

    void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "this needs the ADMIN role"));
    }

    void tooManyFailures(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
            throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(
                request,
                response,
                Problems.of(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "too-many-failed-authentications",
                        "too many requests with invalid tokens from this client; retry after " + retryAfterSeconds
                                + " s"));
    }

    void tooManyWrites(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
            throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(
                request,
                response,
                Problems.of(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "rate-limited",
                        "too many writes from this user; retry after " + retryAfterSeconds + " s"));
    }

    void databaseUnavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
        write(request, response, DatabaseUnavailable.problem());
    }

    /** Like every other problem, with the {@code instance} the client asked for. */
    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        Problems.write(request, response, json, problem);
    }
}
