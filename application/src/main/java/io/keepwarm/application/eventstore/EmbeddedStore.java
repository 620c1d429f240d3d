package io.keepwarm.application.eventstore;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepwarm's own PostgreSQL when no datasource is configured: io.zonky's binaries, run durable and private.
 *
 * <ul>
 *   <li>Durable: {@link #SETTINGS} turn {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on
 *       (io.zonky's test defaults turn the first two off; a later {@code -c} overrides its {@code -F}), so a 2xx
 *       survives a crash of PostgreSQL or of the machine.
 *   <li>Private: the superuser {@code postgres} has a password generated on the first start and kept in
 *       {@code <data-dir>/postgres.password}, readable by its owner only (0600); {@code pg_hba.conf} asks every
 *       connection, local socket or TCP, for it with {@code scram-sha-256}, and trusts nobody.
 *   <li>Converted: a data directory made by an earlier keepwarm (initdb {@code -A trust}, no password) gets a
 *       password, set in single-user mode before the server listens, and the same {@code pg_hba.conf}.
 * </ul>
 *
 * <p>PostgreSQL writes its own log to {@code <data-dir>/postgres.log}. The server is stopped by {@link #close()},
 * which keepwarm calls after its Spring context has closed (the event processors first), never by a JVM
 * shutdown hook of io.zonky's that would race the context.
 */
public final class EmbeddedStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);

    /** The settings the product ships with; tests that want speed over durability say so in TestDatabase. */
    public static final Map<String, String> SETTINGS = settings();

    public static final String USER = "postgres";
    static final String PASSWORD_FILE = "postgres.password";
    static final String CLUSTER_DIRECTORY = "postgres";
    static final String LOG_FILE = "postgres.log";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String HBA = """
            # Written by keepwarm (EmbeddedStore) on every start: every connection needs the password in
            # ../postgres.password (scram-sha-256); nothing is trusted.
            # TYPE  DATABASE        USER            ADDRESS                 METHOD
            local   all             all                                     scram-sha-256
            host    all             all             127.0.0.1/32            scram-sha-256
            host    all             all             ::1/128                 scram-sha-256
            local   replication     all                                     scram-sha-256
            host    replication     all             127.0.0.1/32            scram-sha-256
            host    replication     all             ::1/128                 scram-sha-256
            """;

    private final EmbeddedPostgres postgres; // null when attached to a store another process runs
    private final int port;
    private final Path cluster;
    private final String password;

    private EmbeddedStore(EmbeddedPostgres postgres, int port, Path cluster, String password) {
        this.postgres = postgres;
        this.port = port;
        this.cluster = cluster;
        this.password = password;
    }

    /**
     * For one-shot commands on the machine that runs the server ({@code --issue-admin-token}): the store a running
     * keepwarm holds (its postmaster is alive), without starting or stopping it; or, when none runs, a started one.
     */
    public static EmbeddedStore attachOrStart(Path dataDirectory) {
        Path data = dataDirectory.toAbsolutePath();
        Path cluster = data.resolve(CLUSTER_DIRECTORY);
        try {
            Path pidFile = cluster.resolve("postmaster.pid");
            Path passwordFile = data.resolve(PASSWORD_FILE);
            if (Files.exists(pidFile) && Files.exists(passwordFile)) {
                List<String> lines = Files.readAllLines(pidFile);
                boolean alive = lines.size() > 3
                        && ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                                .map(ProcessHandle::isAlive)
                                .orElse(false);
                if (alive) {
                    return new EmbeddedStore(
                            null,
                            Integer.parseInt(lines.get(3).strip()),
                            cluster,
                            Files.readString(passwordFile).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            log.debug("no running store to attach to in {}: {}", cluster, e.toString());
        }
        return start(dataDirectory);
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("full_page_writes", "on");
        settings.put("listen_addresses", "localhost");
        settings.put("password_encryption", "scram-sha-256");
        settings.put("max_connections", "200");
        return Map.copyOf(settings);
    }

    /**
     * Starts (initialising or converting it if needed) the cluster in {@code <dataDirectory>/postgres} and waits
     * until it accepts the password.
     */
    public static EmbeddedStore start(Path dataDirectory) {
        Path data = dataDirectory.toAbsolutePath();
        Path cluster = data.resolve(CLUSTER_DIRECTORY);
        Path passwordFile = data.resolve(PASSWORD_FILE);
        Path pending = data.resolve(PASSWORD_FILE + ".new");
        try {
            Files.createDirectories(data);
            stopOrphanedServer(cluster);
            boolean initialised = Files.exists(cluster.resolve("postgresql.conf"));
            String password;
            boolean newPassword = !Files.exists(passwordFile);
            if (newPassword) {
                password = generatePassword();
                writeOwnerOnly(pending, password + "\n");
                if (initialised) {
                    log.info("converting the embedded PostgreSQL in {}: setting its password, requiring it", cluster);
                    setPasswordInSingleUserMode(cluster, password, data.resolve(LOG_FILE));
                }
            } else {
                Files.setPosixFilePermissions(passwordFile, OWNER_ONLY);
                password = Files.readString(passwordFile).strip();
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                            data.resolve(LOG_FILE).toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(
                            data.resolve(LOG_FILE).toFile()))
                    .setConnectConfig("password", password)
                    .setDataDirectoryCustomizer(EmbeddedStore::writeHba);
            SETTINGS.forEach(builder::setServerConfig);
            if (!initialised) {
                // initdb's own options (io.zonky passes these as --name=value after its -A trust, and the last wins)
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", pending.toString());
            }
            EmbeddedPostgres postgres = builder.start();
            if (newPassword) {
                Files.move(pending, passwordFile, StandardCopyOption.ATOMIC_MOVE);
            }
            return new EmbeddedStore(postgres, postgres.getPort(), cluster, password);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + cluster, e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String password() {
        return password;
    }

    public Path cluster() {
        return cluster;
    }

    /**
     * Stops PostgreSQL (fast shutdown: open sessions end, everything committed is on disk); an attached store is
     * left running for its owner.
     */
    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeHba(File cluster) {
        try {
            Files.writeString(cluster.toPath().resolve("pg_hba.conf"), HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write pg_hba.conf in " + cluster, e);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * {@code postgres --single}: no network, no authentication, so the password is set before the server first
     * listens. The password goes in on standard input and is stored as a SCRAM verifier.
     */
    private static void setPasswordInSingleUserMode(Path cluster, String password, Path logFile) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // as io.zonky does: PostgreSQL refuses to run as root
        }
        command.addAll(List.of(
                new File(binaries(), "bin/postgres").getPath(),
                "--single",
                "-D",
                cluster.toString(),
                "-c",
                "password_encryption=scram-sha-256",
                USER));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(("ALTER ROLE " + USER + " PASSWORD '" + password + "';\n").getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("single-user PostgreSQL could not set the password; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting the password", e);
        }
    }

    /**
     * Where io.zonky unpacked PostgreSQL. io.zonky keeps this to itself; its {@code prepareBinaries} unpacks (once
     * per machine) and answers the folder, so this calls it. A newer io.zonky without it fails here, at start.
     */
    private static File binaries() {
        try {
            Method prepare =
                    EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            prepare.setAccessible(true);
            return (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot locate io.zonky's PostgreSQL binaries", e);
        }
    }

    /**
     * A server killed with -9 leaves its postmaster running with our data directory locked; it is ours and
     * holds nothing the next start needs, so stop it (PostgreSQL then recovers from its WAL as usual).
     */
    private static void stopOrphanedServer(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            ProcessHandle.of(pid)
                    .filter(p ->
                            p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .ifPresent(process -> {
                        log.info("stopping the embedded PostgreSQL (pid {}) left running by a killed keepwarm", pid);
                        process.destroy();
                        process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                    });
        } catch (NumberFormatException ignored) {
            // not a pid file we understand; PostgreSQL itself will judge it
        }
    }
}
