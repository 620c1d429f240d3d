package io.keepwarm.web.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.keepwarm.application.OperationRefused;
import io.keepwarm.application.contact.IdempotencyKeys;
import io.keepwarm.application.paging.InvalidCursor;
import io.keepwarm.application.reports.InvalidReportQuery;
import io.keepwarm.domain.DomainRuleViolation;
import io.keepwarm.web.support.RequestTextFilter;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every failure becomes an RFC 9457 problem response; nothing answers 200 with an error inside, and no stack
 * trace leaves the server. Domain rule violations keep their code; bad JSON names the field it broke at.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(DomainRuleViolation.class)
    ResponseEntity<ProblemDetail> domainRule(DomainRuleViolation violation) {
        ProblemDetail problem =
                switch (violation.kind()) {
                    case INVALID ->
                        Problems.invalid(violation.fieldViolations().stream()
                                .map(v -> Map.of("field", v.field(), "message", v.message()))
                                .toList());
                    case NOT_FOUND -> Problems.of(HttpStatus.NOT_FOUND, violation.code(), violation.getMessage());
                    case CONFLICT -> Problems.of(HttpStatus.CONFLICT, violation.code(), violation.getMessage());
                    case STALE -> Problems.of(HttpStatus.PRECONDITION_FAILED, violation.code(), violation.getMessage());
                };
        return respond(problem);
    }

    @ExceptionHandler(OperationRefused.class)
    ResponseEntity<ProblemDetail> refused(OperationRefused refused) {
        HttpStatus status =
                switch (refused.kind()) {
                    case NOT_FOUND -> HttpStatus.NOT_FOUND;
                    case CONFLICT -> HttpStatus.CONFLICT;
                };
        return respond(Problems.of(status, refused.code(), refused.getMessage()));
    }

    /** A request that could not be read (a parameter, header or field that does not parse): every bad field. */
    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequest invalid) {
        return respond(Problems.invalid(invalid.fields().stream()
                .map(field -> Map.of("field", field.field(), "message", field.message()))
                .toList()));
    }

    /** A report asked for with parameters that do not parse or do not fit together: every bad parameter. */
    @ExceptionHandler(InvalidReportQuery.class)
    ResponseEntity<ProblemDetail> invalidReportQuery(InvalidReportQuery invalid) {
        return respond(Problems.invalid(invalid.parameters().stream()
                .map(parameter -> Map.of("field", parameter.name(), "message", parameter.message()))
                .toList()));
    }

    @ExceptionHandler(InvalidCursor.class)
    ResponseEntity<ProblemDetail> invalidCursor(InvalidCursor invalid) {
        return respond(Problems.invalid("cursor", invalid.getMessage()));
    }

    /** An {@code Idempotency-Key} already used for a request with another body. */
    @ExceptionHandler(IdempotencyKeys.KeyReused.class)
    ResponseEntity<ProblemDetail> idempotencyKeyReused(IdempotencyKeys.KeyReused reused) {
        return respond(Problems.of(HttpStatus.CONFLICT, "idempotency-key.reused", reused.getMessage()));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DomainRuleViolation violation) {
            return domainRule(violation);
        }
        return unexpected(e);
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> alreadyExists(AggregateStreamCreationException e) {
        return respond(Problems.of(HttpStatus.CONFLICT, "contact.exists", "a contact with this id already exists"));
    }

    /** Also a lost append race that outlasted the server's own retries: a conflict to resend, never a 500. */
    @ExceptionHandler({
        ConflictingModificationException.class,
        org.axonframework.modelling.command.ConcurrencyException.class
    })
    ResponseEntity<ProblemDetail> concurrentModification(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(Problems.of(
                        HttpStatus.CONFLICT,
                        "concurrent-modification",
                        "the contact was changed by other requests at the same time; nothing was appended, try again"));
    }

    @ExceptionHandler(BodyTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(BodyTooLarge e) {
        return respond(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
        return respond(Problems.invalid(e.getName(), "must be " + expected));
    }

    /** The database cannot be reached: a bounded, retryable answer rather than a 500 or a hang. */
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        CannotCreateTransactionException.class,
        TransientDataAccessResourceException.class,
        QueryTimeoutException.class
    })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        log.warn("database unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .body(DatabaseUnavailable.problem());
    }

    /** The SQLSTATE of a write that would commit events of a deleted user (V92): it appended nothing. */
    static final String OWNER_DELETED = "KW410";

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseUnavailable.isCause(e)) {
            return databaseUnavailable(e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DomainRuleViolation violation) {
                return domainRule(violation);
            }
            if (cause instanceof OperationRefused refused) {
                return refused(refused);
            }
            if (cause instanceof InvalidRequest invalid) {
                return invalidRequest(invalid);
            }
            if (cause instanceof InvalidCursor invalid) {
                return invalidCursor(invalid);
            }
            if (cause instanceof InvalidReportQuery invalid) {
                return invalidReportQuery(invalid);
            }
            if (cause instanceof SQLException sql && OWNER_DELETED.equals(sql.getSQLState())) {
                return respond(Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        "unauthenticated",
                        "this account was deleted while the request ran; nothing was appended"));
            }
        }
        log.error("unexpected failure in request {}", MDC.get("requestId"), e);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "an unexpected error occurred"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // A chunked body outgrows the limit while Jackson reads it, so the 413 arrives wrapped in a mapping error.
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof BodyTooLarge tooLarge) {
                return new ResponseEntity<>(tooLarge(tooLarge).getBody(), HttpStatus.PAYLOAD_TOO_LARGE);
            }
            if (t instanceof MalformedText malformed) {
                return new ResponseEntity<>(Problems.invalid("body", malformed.getMessage()), HttpStatus.BAD_REQUEST);
            }
        }
        Throwable cause = e.getCause();
        ProblemDetail problem;
        if (cause instanceof UnrecognizedPropertyException unknown) {
            problem = Problems.invalid(path(unknown), "is not a known field");
        } else if (cause instanceof InvalidFormatException format
                && format.getValue() instanceof String text
                && text.indexOf('\0') >= 0) {
            problem = Problems.invalid(path(format), RequestTextFilter.NUL_MESSAGE);
        } else if (cause instanceof InvalidFormatException format) {
            problem = Problems.invalid(path(format), "must be " + describe(format.getTargetType()));
        } else if (cause instanceof MismatchedInputException mismatch) {
            problem = Problems.invalid(
                    path(mismatch).isEmpty() ? "body" : path(mismatch),
                    "must be " + describe(mismatch.getTargetType()));
        } else if (cause instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            problem = Problems.invalid(path(mapping), "has an invalid value");
        } else if (cause instanceof JsonParseException) {
            problem = Problems.invalid("body", "is not well-formed JSON");
        } else {
            problem = Problems.invalid("body", "is missing or not readable JSON");
        }
        return new ResponseEntity<>(problem, HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return new ResponseEntity<>(Problems.invalid(e.getParameterName(), "is required"), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of(
                                "field",
                                result.getMethodParameter().getParameterName() == null
                                        ? "parameter"
                                        : result.getMethodParameter().getParameterName(),
                                "message",
                                String.valueOf(error.getDefaultMessage()))))
                .toList();
        return new ResponseEntity<>(Problems.invalid(errors), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && problem.getType().toString().equals("about:blank")) {
            String code = HttpStatus.resolve(status.value()) == null
                    ? "error"
                    : HttpStatus.resolve(status.value())
                            .name()
                            .toLowerCase(java.util.Locale.ROOT)
                            .replace('_', '-');
            problem.setType(java.net.URI.create(Problems.TYPE_BASE + code));
            problem.setProperty("code", code);
        }
        if (body instanceof ProblemDetail problem
                && problem.getInstance() == null
                && request instanceof ServletWebRequest servlet) {
            problem.setInstance(java.net.URI.create(Problems.instance(servlet.getRequest())));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == java.util.UUID.class || type.getSimpleName().endsWith("Id")) {
            return "a UUID";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2026-03-01T09:30:00Z";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == java.time.LocalDate.class) {
            return "an ISO-8601 date such as 2026-03-01";
        }
        if (type == java.time.LocalTime.class) {
            return "a time such as 09:30";
        }
        // Anything else is one of our request records or value types: its Java name means nothing to a client.
        return "a JSON object";
    }
}
