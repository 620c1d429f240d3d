package io.keepwarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A small HTTP client for the server under test (HTTP/1.1, one connection per client thread at a time). */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ServerProcess server;
    private final HttpClient client;

    Api(ServerProcess server) {
        this.server = server;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A client of its own (its own connection pool), for one load-generating thread. */
    Api fork() {
        return new Api(server);
    }

    HttpResponse<String> get(String token, String pathAndQuery) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(server.uri(pathAndQuery))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(60))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String token, String path, String json) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(server.uri(path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Signs in to the pages as a browser does (the sign-in form's CSRF token, then {@code POST /signin} with the
     * token); answers the session cookie ({@code keepwarm_session=…}) that the pages then take instead of a token.
     */
    String signIn(String token) throws IOException, InterruptedException {
        HttpResponse<String> form = page(null, "/signin");
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(form.body());
        if (form.statusCode() != 200 || !csrf.find()) {
            throw new IllegalStateException("the sign-in form: " + form.statusCode());
        }
        String body = "token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8) + "&_csrf="
                + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = client.send(
                HttpRequest.newBuilder(server.uri("/signin"))
                        .header("Cookie", cookie(form))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302
                || !signedIn.headers().firstValue("Location").orElse("").endsWith("/")) {
            throw new IllegalStateException("signing in: " + signedIn.statusCode() + " " + signedIn.body());
        }
        return cookie(signedIn);
    }

    /** A page in a session ({@code cookie} from {@link #signIn}, or null), as a browser asks for it. */
    HttpResponse<String> page(String cookie, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(pathAndQuery))
                .header("Accept", "text/html")
                .timeout(Duration.ofSeconds(60))
                .GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("keepwarm_session="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no session cookie: " + response.statusCode()));
    }

    /** A user created through the admin API, as the SPEC describes. */
    record User(UUID userId, String token) {}

    User createUser(String username) throws IOException, InterruptedException {
        HttpResponse<String> response = post(
                ServerProcess.ADMIN_TOKEN, "/api/admin/users", "{\"username\":\"" + username + "\",\"role\":\"USER\"}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "creating user " + username + ": " + response.statusCode() + " " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        return new User(
                UUID.fromString(body.get("userId").asText()), body.get("token").asText());
    }

    /** Used heap of the server in bytes (the admin-only metrics endpoint). */
    long heapUsed() throws IOException, InterruptedException {
        return metric("/actuator/metrics/jvm.memory.used?tag=area:heap");
    }

    /**
     * Used old generation (G1): what has survived young collections — the retained heap plus garbage awaiting an
     * old-generation collection. ({@code jvm.gc.live.data.size} stays 0 until a major collection, so it says nothing
     * in runs this short.)
     */
    long oldGenUsed() throws IOException, InterruptedException {
        return metric("/actuator/metrics/jvm.memory.used?tag=area:heap&tag=id:G1%20Old%20Gen");
    }

    private long metric(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(ServerProcess.ADMIN_TOKEN, path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body())
                .get("measurements")
                .get(0)
                .get("value")
                .asLong();
    }
}
