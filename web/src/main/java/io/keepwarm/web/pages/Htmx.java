package io.keepwarm.web.pages;

import jakarta.servlet.http.HttpServletRequest;

/** What htmx tells the server about a request it makes (https://htmx.org/reference/#request_headers). */
public final class Htmx {

    private Htmx() {}

    /** Whether htmx made the request, so that a fragment is wanted rather than the whole page. */
    public static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"))
                && !"true".equals(request.getHeader("HX-History-Restore-Request"));
    }
}
