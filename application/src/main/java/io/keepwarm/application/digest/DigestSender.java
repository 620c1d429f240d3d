package io.keepwarm.application.digest;

import io.keepwarm.application.eventstore.NodeId;
import io.keepwarm.application.settings.AccountSettings;
import io.keepwarm.domain.contact.api.OwnerId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends the weekly digests, on every node where mail is configured ({@code spring.mail.host}): every
 * {@code keepwarm.digest.poll-interval} it plans the due periods and sends the ones this node claimed. A mail is
 * recorded SENT only after the server accepted it, so a crash in between sends it again: at least once, never
 * lost (docs/reminders.md).
 */
@Component
@ConditionalOnProperty(name = "spring.mail.host")
public class DigestSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DigestSender.class);
    private static final int BATCH = 20;

    private final Digests digests;
    private final DigestComposer composer;
    private final JavaMailSender mail;
    private final Clock clock;
    private final String node;
    private final String from;
    private final Duration pollInterval;
    private final Duration retryBase;
    private ScheduledExecutorService executor;

    public DigestSender(
            Digests digests,
            DigestComposer composer,
            JavaMailSender mail,
            Clock clock,
            NodeId node,
            @Value("${keepwarm.digest.from:keepwarm@localhost}") String from,
            @Value("${keepwarm.digest.poll-interval:1m}") Duration pollInterval,
            @Value("${keepwarm.digest.retry-base:1m}") Duration retryBase) {
        this.digests = digests;
        this.composer = composer;
        this.mail = mail;
        this.clock = clock;
        this.node = node.value();
        this.from = from;
        this.pollInterval = pollInterval;
        this.retryBase = retryBase;
    }

    /** Plans and sends what is due now; answers how many were sent. Public for the tests' "send now". */
    public int runOnce() {
        digests.plan();
        int sent = 0;
        List<Digests.Claimed> claimed;
        while (!(claimed = digests.claim(node, BATCH)).isEmpty()) {
            for (Digests.Claimed delivery : claimed) {
                if (send(delivery)) {
                    sent++;
                }
            }
        }
        return sent;
    }

    private boolean send(Digests.Claimed delivery) {
        String username = digests.enabledUsername(delivery.userId());
        AccountSettings settings = digests.settingsOf(delivery.userId());
        if (username == null || settings.digest().frequency() != AccountSettings.Frequency.WEEKLY) {
            digests.skipped(delivery, node, username == null ? "user disabled" : "digest turned off");
            return false;
        }
        try {
            Instant now = clock.instant();
            Instant previous = digests.previousSent(delivery.userId(), delivery.periodStart());
            Instant since = previous != null ? previous : delivery.periodStart().minus(Duration.ofDays(7));
            DigestComposer.Digest digest = composer.compose(
                    new OwnerId(delivery.userId()), username, settings, since, delivery.periodStart(), now);
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(from);
            message.setTo(delivery.recipient());
            message.setSubject(digest.subject());
            message.setText(digest.body());
            mail.send(message);
        } catch (RuntimeException e) {
            log.warn(
                    "digest for user {} (period {}) failed, attempt {}: {}",
                    delivery.userId(),
                    delivery.periodStart(),
                    delivery.attempts(),
                    e.toString());
            digests.failed(delivery, node, e.toString(), retryBase);
            return false;
        }
        digests.sent(delivery, node);
        return true;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "digest-sender");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        runOnce();
                    } catch (RuntimeException e) {
                        log.warn("digest round failed: {}", e.toString());
                    }
                },
                pollInterval.toMillis(),
                pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
