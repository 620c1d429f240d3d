package io.keepwarm.web.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside any controller — by the servlet container, or by a filter calling {@code sendError}
 * (Spring Security's firewall refusing {@code /api/contacts/..;/admin}, for one) — are forwarded to
 * {@code /error}. Spring Boot's default answers those with its own JSON; this answers them, like every other
 * failure, as an RFC 9457 problem. It replaces Boot's {@code BasicErrorController}.
 */
@RestController
public class ContainerErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && DatabaseUnavailable.isCause(failure)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS)
                    .body(DatabaseUnavailable.problem());
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // Asked for directly (GET /error): nothing failed, and there is no such resource.
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(HttpStatus.NOT_FOUND, "not-found", "there is no resource at this path"));
        }
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.resolve(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.value() < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = status.is4xxClientError()
                ? "the request was refused: " + status.getReasonPhrase().toLowerCase(Locale.ROOT)
                : "an unexpected error occurred";
        ProblemDetail problem = Problems.of(
                status,
                status.is4xxClientError()
                        ? status.name().toLowerCase(Locale.ROOT).replace('_', '-')
                        : "internal",
                detail);
        problem.setInstance(java.net.URI.create(Problems.instance(request)));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
