package io.keepwarm.web.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.web.error.InvalidRequest.InvalidField;
import io.keepwarm.web.error.MalformedText;
import io.keepwarm.web.error.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Text that reaches keepwarm is well-formed UTF-8 without NUL characters, or the request is a 400 naming where it
 * broke. PostgreSQL cannot store a NUL in text (it answered 500), and a lenient decoder would read an overlong
 * {@code C0 AF} as {@code /}. Checked before anything reads the request:
 * <ul>
 *   <li>each query parameter: broken {@code %} escapes, bytes that are not UTF-8, a NUL (named by the parameter);
 *   <li>headers are Tomcat's: it refuses a NUL or other control character in one before any filter runs, and
 *       {@code ProblemErrorReportValve} answers that as a problem;
 *   <li>a JSON body, as it streams in: bytes that are not UTF-8 fail the read with {@link MalformedText}. A NUL
 *       inside a JSON string can only arrive escaped ({@code \u0000}): {@link StrictJson} refuses it in every string
 *       read into a request record, {@link NulFreeJsonBodies} in every string of a body read as a JSON tree.
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class RequestTextFilter extends OncePerRequestFilter {

    public static final String NUL_MESSAGE = "must not contain the NUL character";

    private final ObjectMapper json;

    public RequestTextFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<InvalidField> invalid = new ArrayList<>();
        invalid.addAll(queryProblems(request.getQueryString()));
        if (!invalid.isEmpty()) {
            Problems.write(
                    request,
                    response,
                    json,
                    Problems.invalid(invalid.stream()
                            .map(field -> Map.of("field", field.field(), "message", field.message()))
                            .toList()));
            return;
        }
        chain.doFilter(isJson(request) ? new CheckedBody(request) : request, response);
    }

    /** Each bad query parameter once, by name, in the order given. */
    static List<InvalidField> queryProblems(String query) {
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            Optional<String> name = StrictUtf8.decodeQueryComponent(rawName);
            Optional<String> value = StrictUtf8.decodeQueryComponent(rawValue);
            String field = name.map(n -> n.replace("\0", "")).orElse("query");
            if (name.isEmpty() || value.isEmpty()) {
                problems.putIfAbsent(field, "must be UTF-8 text with valid %-escapes (overlong forms are refused)");
            } else if (name.get().indexOf('\0') >= 0 || value.get().indexOf('\0') >= 0) {
                problems.putIfAbsent(field, NUL_MESSAGE);
            }
        }
        List<InvalidField> fields = new ArrayList<>();
        problems.forEach((field, message) -> fields.add(new InvalidField(field, message)));
        return fields;
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            MediaType media = MediaType.parseMediaType(type);
            String subtype = media.getSubtype().toLowerCase(Locale.ROOT);
            return media.getType().equalsIgnoreCase("application")
                    && (subtype.equals("json") || subtype.endsWith("+json"));
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            return false;
        }
    }

    /** The request with its body checked as strict UTF-8 while it is read. */
    private static final class CheckedBody extends HttpServletRequestWrapper {

        private ServletInputStream checked;

        CheckedBody(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (checked == null) {
                checked = new Checked(super.getInputStream());
            }
            return checked;
        }
    }

    private static final class Checked extends ServletInputStream {

        private final ServletInputStream in;
        private final StrictUtf8.Checker checker = new StrictUtf8.Checker();
        private final byte[] one = new byte[1];
        private boolean finished;

        Checked(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                checker.check(buffer, offset, n);
            } else if (n < 0 && !finished) {
                finished = true;
                checker.finish();
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
