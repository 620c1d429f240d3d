package io.keepwarm.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.web.reliability.LoadClient.Outcome;
import io.keepwarm.web.testsupport.Api;
import io.keepwarm.web.testsupport.EventLog;
import io.keepwarm.web.testsupport.ServerProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Database outage: the test owns a PostgreSQL server (an embedded one with a fixed data directory and port), runs
 * a keepwarm server process on it, and stops PostgreSQL for 10 s in the middle of a load of writes and reads.
 * While it is down, every request is answered — 503 problem responses with {@code Retry-After}, no 500s, nothing
 * left hanging — and {@code /actuator/health} says DOWN; when it is back, keepwarm recovers by itself, no
 * acknowledged write is lost, refused writes can be resent, and the read models converge.
 */
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Path dataDirectory;
    private int pgPort;
    private EmbeddedPostgres postgres;
    private ServerProcess server;

    @AfterEach
    void cleanUp() throws IOException {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (dataDirectory != null) {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void while_postgres_is_down_the_api_answers_503_and_health_down_then_recovers_by_itself_losing_nothing()
            throws Exception {
        dataDirectory = Files.createTempDirectory("keepwarm-outage-pg");
        pgPort = freePort();
        postgres = startPostgres();
        server = ServerProcess.against(
                        "outage",
                        "jdbc:postgresql://localhost:" + pgPort + "/postgres",
                        "postgres",
                        "",
                        "--spring.datasource.hikari.connection-timeout=2000",
                        "--spring.datasource.hikari.validation-timeout=1000",
                        "--keepwarm.rate-limit.writes-per-minute=1000000")
                .start();
        Api owner = CrashRecoveryIT.owner(server);
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Api.Response created = owner.post("/api/contacts", Map.of("displayName", "Outage " + i));
            assertThat(created.status()).isEqualTo(201);
            contacts.add(created.json().get("contactId").asText());
        }

        AtomicReference<String> phase = new AtomicReference<>("up");
        LoadClient writers = new LoadClient(server.port(), owner.token(), contacts, phase::get).start(3);
        Observer observer = new Observer(server.port(), owner.token(), phase).start();
        CrashRecoveryIT.awaitAcknowledged(writers, 30);

        postgres.close();
        phase.set("down");
        Thread.sleep(OUTAGE.toMillis());
        phase.set("restarting");
        postgres = startPostgres();
        phase.set("back");

        awaitAcknowledgedInPhase(writers, "back", 20);
        observer.awaitHealthUp();
        writers.stop();
        observer.stop();

        List<Outcome> outcomes = writers.outcomes();
        List<Outcome> duringOutage = outcomes.stream()
                .filter(o -> o.phaseAtStart().equals("down") && o.phaseAtEnd().equals("down"))
                .toList();
        assertThat(summaries(outcomes.stream().filter(o -> o.status() == 0)))
                .as("writes left unanswered within %s", LoadClient.CLIENT_TIMEOUT)
                .isEmpty();
        assertThat(summaries(outcomes.stream().filter(o -> !o.acknowledged() && o.status() != 503)))
                .as("writes answered other than 2xx or 503")
                .isEmpty();
        assertThat(duringOutage).as("writes while PostgreSQL was down").isNotEmpty();
        assertThat(summaries(duringOutage.stream().filter(o -> o.status() != 503)))
                .as("writes while PostgreSQL was down answered other than 503")
                .isEmpty();
        for (Outcome refused : outcomes.stream().filter(o -> o.status() == 503).toList()) {
            assertProblem(refused.status(), refused.contentType(), refused.answer());
            assertThat(refused.retryAfter()).as("Retry-After on a 503").isNotBlank();
        }
        assertThat(observer.reads().stream()
                        .filter(r -> r.status() != 200 && r.status() != 503)
                        .map(Observer.Answer::summary)
                        .toList())
                .as("reads answered other than 200 or 503")
                .isEmpty();
        assertThat(observer.reads())
                .as("reads while PostgreSQL was down")
                .anyMatch(r -> r.phase().equals("down") && r.status() == 503);
        observer.reads().stream()
                .filter(r -> r.status() == 503)
                .forEach(r -> assertProblem(r.status(), r.contentType(), r.body()));
        assertThat(observer.health())
                .as("/actuator/health while PostgreSQL was down")
                .anyMatch(h -> h.phase().equals("down")
                        && h.status() == 503
                        && h.body().contains("\"DOWN\""));
        assertThat(observer.health())
                .as("/actuator/health before the outage")
                .first()
                .matches(h -> h.status() == 200 && h.body().contains("\"UP\""));

        // No acknowledged write lost; every refused write, resent with its id, lands exactly once.
        LoadClient resender = new LoadClient(server.port(), owner.token(), contacts, () -> "resend");
        List<Outcome> refused = outcomes.stream().filter(o -> !o.acknowledged()).toList();
        for (Outcome write : refused) {
            Outcome again = resender.send(write.interactionId(), write.contactIds(), write.body());
            assertThat(again.status()).as(again.answer()).isIn(200, 201);
        }
        try (Connection connection = connect()) {
            EventLog log = EventLog.of(connection, contacts);
            Map<String, Integer> logged = log.interactionsLogged();
            for (Outcome write : outcomes) {
                for (String contact : write.contactIds()) {
                    assertThat(logged.get(EventLog.key(write.interactionId(), contact)))
                            .as(
                                    "%s %s on %s",
                                    write.acknowledged() ? "acknowledged" : "resent", write.interactionId(), contact)
                            .isEqualTo(1);
                }
            }
            assertThat(logged.values()).containsOnly(1);
            ConcurrentWritesIT.assertContiguous(log.sequencesByAggregate());
        }
        assertReadModelsConverge(contacts);

        Duration slowest = duringOutage.stream()
                .map(Outcome::took)
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
        System.out.printf(
                "outage: %d writes acknowledged, %d answered 503 (%d while down, slowest %d ms)%n",
                outcomes.stream().filter(Outcome::acknowledged).count(),
                refused.size(),
                duringOutage.size(),
                slowest.toMillis());
    }

    private static List<String> summaries(Stream<Outcome> outcomes) {
        return outcomes.map(o -> o.phaseAtStart() + "→" + o.phaseAtEnd() + " " + o.status() + " after "
                        + o.took().toMillis() + " ms: " + abbreviate(o.answer()))
                .toList();
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 240 ? text.substring(0, 240) + "…" : text;
    }

    private EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(pgPort)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .start();
    }

    private static void assertProblem(int status, String contentType, String body) {
        assertThat(contentType).as(body).startsWith("application/problem+json");
        try {
            assertThat(JSON.readTree(body).get("status").asInt()).isEqualTo(status);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static void awaitAcknowledgedInPhase(LoadClient load, String phase, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (load.outcomes().stream()
                        .filter(o -> o.acknowledged() && o.phaseAtStart().equals(phase))
                        .count()
                < count) {
            assertThat(System.nanoTime())
                    .as("%d writes acknowledged after PostgreSQL came back", count)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private void assertReadModelsConverge(List<String> contacts) throws Exception {
        Map<String, Object> expected;
        try (Connection connection = connect()) {
            EventLog log = EventLog.of(connection, contacts);
            expected = Map.of("going_cold", log.goingColdInputs(), "history", log.historyPositions());
        }
        Map<String, Object> actual = Map.of();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection connection = connect()) {
                actual = Map.of(
                        "going_cold",
                        EventLog.goingColdReadModel(connection, contacts),
                        "history",
                        EventLog.historyReadModel(connection, contacts));
            }
            if (actual.equals(expected)) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(actual).isEqualTo(expected);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Polls a read endpoint and the health endpoint throughout, recording each answer with the phase it came in. */
    private static final class Observer {

        record Answer(String phase, int status, String contentType, String body) {

            String summary() {
                return phase + " " + status + ": " + abbreviate(body);
            }
        }

        private final int port;
        private final String token;
        private final AtomicReference<String> phase;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Answer> reads = Collections.synchronizedList(new ArrayList<>());
        private final List<Answer> health = Collections.synchronizedList(new ArrayList<>());
        private Thread thread;

        Observer(int port, String token, AtomicReference<String> phase) {
            this.port = port;
            this.token = token;
            this.phase = phase;
        }

        Observer start() {
            thread = new Thread(
                    () -> {
                        while (!stop.get()) {
                            reads.add(get("/api/going-cold?status=WARM,DUE_SOON,OVERDUE,COLD", token));
                            health.add(get("/actuator/health", null));
                            try {
                                Thread.sleep(200);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "outage-observer");
            thread.setDaemon(true);
            thread.start();
            return this;
        }

        void awaitHealthUp() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (true) {
                List<Answer> seen = health();
                if (!seen.isEmpty()
                        && seen.get(seen.size() - 1).phase().equals("back")
                        && seen.get(seen.size() - 1).status() == 200) {
                    return;
                }
                assertThat(System.nanoTime())
                        .as("health UP again after the outage")
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join(LoadClient.CLIENT_TIMEOUT.plusSeconds(30).toMillis());
        }

        List<Answer> reads() {
            synchronized (reads) {
                return List.copyOf(reads);
            }
        }

        List<Answer> health() {
            synchronized (health) {
                return List.copyOf(health);
            }
        }

        private Answer get(String path, String bearer) {
            String started = phase.get();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(LoadClient.CLIENT_TIMEOUT);
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String ended = phase.get();
                return new Answer(
                        started.equals(ended) ? started : started + "→" + ended,
                        response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(null),
                        response.body());
            } catch (IOException e) {
                return new Answer(started, 0, null, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(started, 0, null, e.toString());
            }
        }
    }
}
