package io.keepwarm.web.pages;

import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.accounts.AuthenticatedUser;
import io.keepwarm.application.paging.InvalidCursor;
import io.keepwarm.domain.DomainRuleViolation;
import io.keepwarm.web.error.DatabaseUnavailable;
import io.keepwarm.web.error.InvalidRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page shares: the signed-in person for the header, and a human error page for whatever a page
 * controller throws. The API's failures stay RFC 9457 problems ({@code web.error.ProblemHandling}); this advice
 * applies only to the page controllers and comes first for them. The same exceptions, the same statuses: a
 * missing contact is a 404 page, a refused operation a 409 page, bad input a 400 page.
 */
@ControllerAdvice(basePackages = "io.keepwarm.web.pages")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    /** The signed-in person, or null on the sign-in page. */
    @ModelAttribute("me")
    AuthenticatedUser me() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user ? user : null;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception failure, HttpServletResponse response) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DomainRuleViolation violation) {
                return switch (violation.kind()) {
                    case NOT_FOUND -> page(HttpStatus.NOT_FOUND, "Not found", violation.getMessage(), List.of());
                    case CONFLICT, STALE -> page(HttpStatus.CONFLICT, "Not done", violation.getMessage(), List.of());
                    case INVALID ->
                        page(
                                HttpStatus.BAD_REQUEST,
                                "Please check what you entered",
                                "Some values were not accepted.",
                                violation.fieldViolations().stream()
                                        .map(v -> v.field() + ": " + v.message())
                                        .toList());
                };
            }
            if (cause instanceof OperationRefused refused) {
                return switch (refused.kind()) {
                    case NOT_FOUND -> page(HttpStatus.NOT_FOUND, "Not found", refused.getMessage(), List.of());
                    case CONFLICT -> page(HttpStatus.CONFLICT, "Not done", refused.getMessage(), List.of());
                };
            }
            if (cause instanceof InvalidRequest invalid) {
                return page(
                        HttpStatus.BAD_REQUEST,
                        "Please check what you entered",
                        "Some values were not accepted.",
                        invalid.fields().stream()
                                .map(f -> f.field() + ": " + f.message())
                                .toList());
            }
            if (cause instanceof InvalidCursor) {
                return page(HttpStatus.BAD_REQUEST, "Bad link", "This page link is not valid any more.", List.of());
            }
            if (cause instanceof MethodArgumentTypeMismatchException mismatch) {
                return page(
                        HttpStatus.NOT_FOUND,
                        "Not found",
                        "There is nothing at this address.",
                        List.of(mismatch.getName()));
            }
        }
        if (DatabaseUnavailable.isCause(failure)) {
            response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
            return page(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "keepwarm cannot reach its database",
                    "Nothing was lost. Please try again in a moment.",
                    List.of());
        }
        if (failure instanceof ErrorResponse known) {
            HttpStatus status = HttpStatus.valueOf(known.getStatusCode().value());
            return page(status, status.getReasonPhrase(), "The request was refused.", List.of());
        }
        log.error("unexpected failure in page request {}", MDC.get("requestId"), failure);
        return page(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong",
                "An unexpected error occurred; it has been logged. Nothing you wrote was half-saved.",
                List.of());
    }

    /** The error page, for this advice and for the sign-in chain's refusals ({@link ForbiddenController}). */
    public static ModelAndView page(HttpStatus status, String title, String detail, List<String> problems) {
        ModelAndView page = new ModelAndView("pages/error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("title", title);
        page.addObject("detail", detail);
        page.addObject("problems", problems);
        page.addObject("requestId", MDC.get("requestId"));
        return page;
    }
}
