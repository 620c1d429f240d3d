package io.keepwarm.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many SQL statements and transactions one write costs, counted by PostgreSQL itself (issue 16):
 * {@code pg_stat_statements} for statements (exact, updated as each statement ends) and {@code pg_stat_database}
 * for transactions (flushed by each backend within about ten seconds, so the count waits for that). The server's
 * background work (its processors polling an idle store, node heartbeats) is counted in an idle window of the same
 * length first and taken off.
 *
 * <p>Needs {@code pg_stat_statements} in {@code shared_preload_libraries}: the bench's embedded PostgreSQL loads it
 * (a measurement aid, not a product setting); on a server given by {@code --jdbc-url} without it, the count says
 * so and is skipped.
 */
final class StatementCount {

    /** What the writes cost, and the statements that make it up. */
    record Cost(int writes, double statementsPerWrite, double transactionsPerWrite, List<String> top) {

        String summary() {
            return String.format(
                    Locale.ROOT,
                    "%.1f SQL statements and %.1f transactions per write (%d sequential writes, background work"
                            + " of an idle window of the same length taken off; counted with pg_stat_statements and"
                            + " pg_stat_database)",
                    statementsPerWrite,
                    transactionsPerWrite,
                    writes);
        }
    }

    @FunctionalInterface
    interface Writes {
        void run(int n) throws Exception;
    }

    private static final long FLUSH_WAIT_MILLIS = 11_000;

    private StatementCount() {}

    static boolean available(Bench bench) throws Exception {
        try (Connection connection = bench.postgres().connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW shared_preload_libraries")) {
            rs.next();
            return rs.getString(1).contains("pg_stat_statements");
        }
    }

    static Cost count(Bench bench, String database, int writes, Writes load) throws Exception {
        try (Connection connection = bench.postgres().connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            // the idle window: what the server does on its own while nothing is written
            long idleStart = System.nanoTime();
            Snapshot idleBefore = snapshot(connection, database);
            Thread.sleep(FLUSH_WAIT_MILLIS);
            Snapshot idleAfter = snapshot(connection, database);
            double idleSeconds = (System.nanoTime() - idleStart) / 1e9;

            statement.execute("SELECT pg_stat_statements_reset()");
            long start = System.nanoTime();
            Snapshot before = snapshot(connection, database);
            load.run(writes);
            Thread.sleep(FLUSH_WAIT_MILLIS);
            Snapshot after = snapshot(connection, database);
            double seconds = (System.nanoTime() - start) / 1e9;

            double background = seconds / idleSeconds;
            double statements = (after.statements - before.statements)
                    - background * (idleAfter.statements - idleBefore.statements);
            double transactions = (after.transactions - before.transactions)
                    - background * (idleAfter.transactions - idleBefore.transactions);
            List<String> top = top(connection, database, writes);
            return new Cost(writes, statements / writes, transactions / writes, top);
        }
    }

    private record Snapshot(long statements, long transactions) {}

    private static Snapshot snapshot(Connection connection, String database) throws Exception {
        long statements;
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT coalesce(sum(s.calls), 0)
                  FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                 WHERE d.datname = ? AND s.query !~* '^\\s*(BEGIN|COMMIT|ROLLBACK|SET|SHOW|SELECT 1)\\M'""")) {
            statement.setString(1, database);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                statements = rs.getLong(1);
            }
        }
        long transactions;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = ?")) {
            statement.setString(1, database);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                transactions = rs.getLong(1);
            }
        }
        return new Snapshot(statements, transactions);
    }

    /** The statements run most often, per write, as PostgreSQL normalised them. */
    private static List<String> top(Connection connection, String database, int writes) throws Exception {
        List<String> top = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT s.calls, regexp_replace(s.query, '\\s+', ' ', 'g')
                  FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                 WHERE d.datname = ? ORDER BY s.calls DESC LIMIT 12""")) {
            statement.setString(1, database);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String query = rs.getString(2);
                    top.add(String.format(
                            Locale.ROOT,
                            "%6.2f per write  %s",
                            rs.getLong(1) / (double) writes,
                            query.length() > 110 ? query.substring(0, 110) + "…" : query));
                }
            }
        }
        return top;
    }
}
