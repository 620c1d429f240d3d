package io.keepwarm.web.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Clients that keep logging interactions (each with a fresh id, on one to three of the owner's contacts) until
 * stopped, recording every outcome: acknowledged (2xx), answered otherwise (status, headers, body), or no
 * answer at all (connection refused or reset, or no answer within the client's timeout).
 */
final class LoadClient {

    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FAVORS = {"NONE", "ASKED", "GAVE"};

    /** One request and what came of it; {@code status} is 0 when no answer came. */
    record Outcome(
            String interactionId,
            List<String> contactIds,
            String body,
            String phaseAtStart,
            String phaseAtEnd,
            int status,
            String contentType,
            String retryAfter,
            String answer,
            boolean timedOut,
            Duration took) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final String token;
    private final List<String> contacts;
    private final Supplier<String> phase;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    LoadClient(int port, String token, List<String> contacts, Supplier<String> phase) {
        this.base = "http://localhost:" + port;
        this.token = token;
        this.contacts = contacts;
        this.phase = phase;
    }

    LoadClient start(int clients) {
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(this::run, "load-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(CLIENT_TIMEOUT.plusSeconds(30).toMillis());
        }
    }

    List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    long acknowledged() {
        return outcomes().stream().filter(Outcome::acknowledged).count();
    }

    private void run() {
        while (!stop.get()) {
            outcomes.add(logOne());
        }
    }

    private Outcome logOne() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> on = new ArrayList<>(contacts);
        Collections.shuffle(on);
        on = List.copyOf(on.subList(0, 1 + random.nextInt(Math.min(3, contacts.size()))));
        String id = UUID.randomUUID().toString();
        String body = json(Map.of(
                "interactionId",
                id,
                "contactIds",
                on,
                "occurredAt",
                Instant.now()
                        .minus(random.nextInt(1, 200_000), ChronoUnit.MINUTES)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString(),
                "channel",
                "CALL",
                "initiatedBy",
                "ME",
                "favor",
                FAVORS[random.nextInt(3)]));
        return send(id, on, body);
    }

    /** Sends one interaction body (again, for a resend) and records the outcome. */
    Outcome send(String interactionId, List<String> contactIds, String body) {
        String startPhase = phase.get();
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/interactions"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(CLIENT_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Outcome(
                    interactionId,
                    contactIds,
                    body,
                    startPhase,
                    phase.get(),
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.body(),
                    false,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (HttpTimeoutException e) {
            return new Outcome(
                    interactionId,
                    contactIds,
                    body,
                    startPhase,
                    phase.get(),
                    0,
                    null,
                    null,
                    e.toString(),
                    true,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            sleep(20); // refused: do not spin
            return new Outcome(
                    interactionId,
                    contactIds,
                    body,
                    startPhase,
                    phase.get(),
                    0,
                    null,
                    null,
                    e.toString(),
                    false,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
