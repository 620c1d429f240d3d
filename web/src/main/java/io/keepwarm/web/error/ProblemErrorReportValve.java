package io.keepwarm.web.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * Tomcat refuses some requests before any servlet sees them: a path with a broken %-escape, a header holding a
 * NUL or other control character, headers larger than it allows. It answers those with its own HTML error page;
 * this valve answers them as RFC 9457 problems like every other error ({@code type}, {@code title},
 * {@code status}, {@code detail}, {@code code}, {@code instance}). It stands in for Tomcat's
 * {@link ErrorReportValve} on the host; errors that reach the application are answered by {@link ProblemHandling}
 * and {@link ContainerErrorController} first, and this valve then writes nothing.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String code =
                known == null ? "error" : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problems.TYPE_BASE + code);
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put(
                "detail",
                known != null && known.is4xxClientError()
                        ? "the server refused the request before reading it: "
                                + known.getReasonPhrase().toLowerCase(Locale.ROOT)
                                + " (a malformed path or header, or headers that are too large)"
                        : "an unexpected error occurred");
        problem.put("instance", instance(request));
        problem.put("code", code);
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the response was committed meanwhile: nothing more to say
        }
    }

    /** The path as received, %-escaped where it was not a valid URI (a broken escape stays visible as {@code %25}). */
    private static String instance(Request request) {
        String raw = request.getRequestURI();
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            return "/";
        }
        try {
            return URI.create(raw).toString();
        } catch (IllegalArgumentException notAUri) {
            StringBuilder escaped = new StringBuilder();
            for (char c : raw.toCharArray()) {
                if (c == '/'
                        || c == '-'
                        || c == '.'
                        || c == '_'
                        || c == '~'
                        || Character.isLetterOrDigit(c) && c < 128) {
                    escaped.append(c);
                } else {
                    escaped.append(String.format("%%%02X", (int) c & 0xFF));
                }
            }
            return escaped.toString();
        }
    }

    /** Puts this valve in place of Tomcat's HTML error report valve. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }
}
