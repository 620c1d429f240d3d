package io.keepwarm.web.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.web.error.BodyTooLarge;
import io.keepwarm.web.error.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code keepwarm.max-request-bytes} (1 MiB) with 413: at once when the
 * Content-Length says so, and while reading when a chunked body grows past the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    /** The imports page's upload (docs/pages.md). */
    static final String IMPORT_PAGE = "/imports";

    /** What a browser's multipart framing and the form's other fields may add to the file's own bytes. */
    static final long MULTIPART_ALLOWANCE = 64 * 1024;

    private final long defaultMaxBytes;
    private final long maxImportBytes;
    private final ObjectMapper json;

    public RequestSizeLimitFilter(
            @Value("${keepwarm.max-request-bytes:1048576}") long maxBytes,
            @Value("${keepwarm.max-import-bytes:16777216}") long maxImportBytes,
            ObjectMapper json) {
        this.defaultMaxBytes = maxBytes;
        this.maxImportBytes = maxImportBytes;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // An import's file (POST /api/imports) may be larger: keepwarm.max-import-bytes, 16 MiB. The imports page
        // uploads it as multipart/form-data, which adds its boundaries and the form's few fields.
        boolean importPage = request.getRequestURI().equals(IMPORT_PAGE) && "POST".equals(request.getMethod());
        long maxBytes = request.getRequestURI().equals("/api/imports")
                ? maxImportBytes
                : importPage ? maxImportBytes + MULTIPART_ALLOWANCE : defaultMaxBytes;
        if (importPage && request.getContentLengthLong() > maxBytes) {
            // a page, not an API client: back to the form, which says how large a file may be
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader("Location", IMPORT_PAGE + "?tooLarge");
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            Problems.write(
                    request,
                    response,
                    json,
                    Problems.of(
                            HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", new BodyTooLarge(maxBytes).getMessage()));
            return;
        }
        chain.doFilter(new Limited(request, maxBytes), response);
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long maxBytes;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) {
                    read += n;
                    if (read > maxBytes) {
                        throw new BodyTooLarge(maxBytes);
                    }
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
            };
        }
    }
}
