package io.keepwarm.bench;

import io.keepwarm.application.privacy.ContactKeys;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The per-contact keys of a bulk seed. The application's own {@link ContactKeys} creates every key (with the
 * application's cipher) and the application's own serializer seals with it, exactly as on the write path; only its
 * two statements against the {@code contact_key} table are answered from memory here, and the keys are then
 * bulk-copied into that table beside the events. Any other statement fails loudly, so a change in how
 * {@link ContactKeys} talks to its table shows up here rather than as silently wrong seed data.
 */
final class SeedKeys extends JdbcTemplate {

    private final Map<UUID, byte[]> keys = new ConcurrentHashMap<>();
    private final ContactKeys contactKeys = new ContactKeys(this);

    ContactKeys contactKeys() {
        return contactKeys;
    }

    /** Every key created so far. */
    Map<UUID, byte[]> keys() {
        return keys;
    }

    @Override
    public int update(String sql, Object... args) {
        if (sql.startsWith("INSERT INTO contact_key (contact_id, key) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            return keys.putIfAbsent((UUID) args[0], (byte[]) args[1]) == null ? 1 : 0;
        }
        throw new UnsupportedOperationException("the seed key store does not know: " + sql);
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
        if (!sql.equals("SELECT key FROM contact_key WHERE contact_id = ?")) {
            throw new UnsupportedOperationException("the seed key store does not know: " + sql);
        }
        byte[] key = keys.get((UUID) args[0]);
        if (key == null) {
            return List.of();
        }
        ResultSet row = (ResultSet) Proxy.newProxyInstance(
                ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class}, (proxy, method, methodArgs) -> {
                    if (method.getName().equals("getBytes")
                            && Integer.valueOf(1).equals(methodArgs[0])) {
                        return key;
                    }
                    throw new UnsupportedOperationException(
                            "the seed key store answers only getBytes(1), not " + method);
                });
        try {
            return List.of(rowMapper.mapRow(row, 0));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
