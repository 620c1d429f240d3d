package io.keepwarm.web.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's session with the pages over real HTTP, without a browser: the session cookie, and the CSRF token
 * the pages' forms carry. For tests of what the container itself does (cookie attributes) and of access rules.
 */
public final class PagesSession {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** The cookie header value and the CSRF token of a signed-in session. */
    public record Session(String cookie, String csrf, String setCookie) {}

    private PagesSession() {}

    /** Signs in with this token as the sign-in form does; returns the session's cookie ({@code name=value}). */
    public static String signIn(int port, String token) {
        return session(port, token).cookie();
    }

    public static Session session(int port, String token) {
        HttpResponse<String> form = send(port, null, "GET", "/signin", null);
        String anonymousCookie = cookie(form);
        String body = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf(form.body()), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = send(port, anonymousCookie, "POST", "/signin", body);
        if (signedIn.statusCode() != 302) {
            throw new IllegalStateException("sign-in failed: " + signedIn.statusCode() + " " + signedIn.body());
        }
        String cookie = cookie(signedIn);
        HttpResponse<String> dashboard = send(port, cookie, "GET", "/", null);
        return new Session(
                cookie,
                csrf(dashboard.body()),
                signedIn.headers().firstValue("Set-Cookie").orElse(null));
    }

    /** A request in the session; a POST carries the session's CSRF token as the forms do. */
    public static Api.Response send(int port, String cookie, String method, String path) {
        String csrf = null;
        if (!method.equals("GET")) {
            csrf = csrf(send(port, cookie, "GET", "/", null).body());
        }
        HttpResponse<String> response = send(
                port,
                cookie,
                method,
                path,
                csrf == null ? null : "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        return new Api.Response(response.statusCode(), response.headers().map(), response.body());
    }

    static HttpResponse<String> send(int port, String cookie, String method, String path, String form) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(60));
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            if (form != null) {
                request.header("Content-Type", "application/x-www-form-urlencoded");
                request.method(method, HttpRequest.BodyPublishers.ofString(form));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String cookie(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Set-Cookie")
                .map(header -> header.substring(0, header.indexOf(';')))
                .orElseThrow(() -> new IllegalStateException("no session cookie in " + response.headers()));
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token in the page");
        }
        return matcher.group(1);
    }
}
