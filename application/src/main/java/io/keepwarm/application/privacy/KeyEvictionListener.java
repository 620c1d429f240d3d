package io.keepwarm.application.privacy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens for destroyed keys on PostgreSQL's {@code LISTEN/NOTIFY} channel and drops them from this node's cache,
 * so a key forgotten on one node is gone from every node's memory within moments. If the connection is lost,
 * notifications may have been missed, so the whole cache is dropped before listening again.
 */
@Component
public class KeyEvictionListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KeyEvictionListener.class);

    private final DataSource dataSource;
    private final ContactKeys keys;
    private volatile boolean running;
    private Thread thread;

    public KeyEvictionListener(DataSource dataSource, ContactKeys keys) {
        this.dataSource = dataSource;
        this.keys = keys;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "contact-key-eviction");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("LISTEN " + ContactKeys.CHANNEL);
                keys.evictAll();
                backoff = 500;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            keys.evict(UUID.fromString(notification.getParameter()));
                        }
                    }
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                log.warn(
                        "lost the key-eviction listener connection ({}); dropping all cached keys and retrying",
                        e.getMessage());
                keys.evictAll();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }
}
