package io.keepwarm.web.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for tests: real requests to the running server, answers as status, headers and JSON. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;
    private final Map<String, String> headers;

    public Api(int port, String token) {
        this("http://localhost:" + port, token, Map.of());
    }

    private Api(String base, String token, Map<String, String> headers) {
        this.base = base;
        this.token = token;
        this.headers = headers;
    }

    /** The same client with one more header on every request. */
    public Api with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new Api(base, token, more);
    }

    /** The bearer token this client sends (null for none). */
    public String token() {
        return token;
    }

    public Api as(String otherToken) {
        return new Api(base, otherToken, headers);
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response get(String path, String accept) {
        return with("Accept", accept).send("GET", path, null, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, "application/json");
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, "application/json");
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body, "application/merge-patch+json");
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Sends a body as given (a String is sent verbatim, anything else as JSON). */
    public Response send(String method, String path, Object body, String contentType) {
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                byte[] bytes = body instanceof byte[] raw
                        ? raw
                        : body instanceof String text
                                ? text.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                                : JSON.writeValueAsBytes(body);
                if (contentType != null) {
                    request.header("Content-Type", contentType);
                }
                request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
            }
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), text(response));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The body as text: in the charset the answer names (default UTF-8); a zip ({@code GET /api/export}) as each
     * entry's name and text one after the other, so that a test can look for what it must (not) hold.
     */
    private static String text(HttpResponse<byte[]> response) throws IOException {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("application/zip")) {
            StringBuilder text = new StringBuilder();
            try (java.util.zip.ZipInputStream zip =
                    new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(response.body()))) {
                java.util.zip.ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    text.append("== ").append(entry.getName()).append(" ==\n");
                    text.append(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return text.toString();
        }
        java.nio.charset.Charset charset = java.nio.charset.StandardCharsets.UTF_8;
        int at = type.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            charset = java.nio.charset.Charset.forName(
                    type.substring(at + 8).split(";")[0].strip().replace("\"", ""));
        }
        return new String(response.body(), charset);
    }

    /** One answer. */
    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return body == null || body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
