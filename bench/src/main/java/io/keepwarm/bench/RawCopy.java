package io.keepwarm.bench;

import java.io.OutputStream;
import java.sql.Connection;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The ceiling a rebuild is measured against: reading every event of the store, in global order, as fast as
 * PostgreSQL can hand it over — a {@code COPY (SELECT … ORDER BY global_index) TO STDOUT} through PgJDBC's
 * {@link CopyManager}, the bytes counted and dropped.
 */
final class RawCopy {

    /** One timed read of the whole store. */
    record Result(String format, long rows, long bytes, long nanos) {

        double rowsPerSecond() {
            return rows / (nanos / 1e9);
        }

        double megabytesPerSecond() {
            return bytes / 1e6 / (nanos / 1e9);
        }
    }

    private static final String SELECT = """
            SELECT global_index, aggregate_identifier, sequence_number, type, event_identifier, payload_type,
                   payload_revision, payload, meta_data, time_stamp
            FROM domain_event_entry ORDER BY global_index""";

    static Result read(Connection connection, boolean binary) throws Exception {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        CountingSink sink = new CountingSink();
        long started = System.nanoTime();
        long rows = copy.copyOut("COPY (" + SELECT + ") TO STDOUT" + (binary ? " (FORMAT binary)" : ""), sink);
        return new Result(binary ? "binary" : "text", rows, sink.bytes, System.nanoTime() - started);
    }

    private static final class CountingSink extends OutputStream {

        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private RawCopy() {}
}
