package io.keepwarm.application.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keepwarm.application.accounts.Caller;
import io.keepwarm.application.accounts.CallerScope;
import io.keepwarm.application.accounts.CurrentCaller;
import io.keepwarm.application.contact.ContactCommands;
import io.keepwarm.application.contact.InteractionRegistry;
import io.keepwarm.application.eventstore.EventStoreConfiguration;
import io.keepwarm.application.eventstore.NodeId;
import io.keepwarm.domain.DomainRuleViolation;
import io.keepwarm.domain.contact.api.ContactId;
import io.keepwarm.domain.contact.api.InteractionId;
import io.keepwarm.domain.contact.api.OwnerId;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * {@code POST /api/imports} and {@code GET /api/imports/{id}} (SPEC §8): a dry run answers the plan and changes
 * nothing; a commit stores the plan as a job and runs it in the background, a chunk of rows at a time.
 *
 * <p>A chunk is one bulk write ({@link ContactCommands#writeBatch}): every command of its rows in one transaction,
 * its events appended in one batch, the read models brought up to date once, the rows marked in and the source ids
 * remembered in the same transaction. If a chunk is refused (a contact was archived since the plan), its rows go in
 * one by one and the refused ones become errors, so a row is all or nothing. A node that dies mid-job stops beating;
 * another node (or this one, restarted) claims the job and carries on with the rows not yet in.
 */
@Service
public class Imports {

    private static final Logger LOG = LoggerFactory.getLogger(Imports.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CurrentCaller currentCaller;
    private final ContactCommands commands;
    private final ImportJobs jobs;
    private final ImportSources sources;
    private final InteractionRegistry interactions;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final NodeId node;
    private final int chunkSize;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "keepwarm-import");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "keepwarm-import-watch");
        thread.setDaemon(true);
        return thread;
    });

    public Imports(
            CurrentCaller currentCaller,
            ContactCommands commands,
            ImportJobs jobs,
            ImportSources sources,
            InteractionRegistry interactions,
            JdbcTemplate jdbc,
            Clock clock,
            NodeId node,
            @Value("${keepwarm.imports.chunk-size:500}") int chunkSize) {
        this.currentCaller = currentCaller;
        this.commands = commands;
        this.jobs = jobs;
        this.sources = sources;
        this.interactions = interactions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = node;
        this.chunkSize = chunkSize;
    }

    /**
     * The dry run's answer: the plan, nothing appended. A row's {@code contactId} is the contact it matched (or, for
     * an interaction, its first contact); a contact still to be created has none.
     */
    public record Preview(String format, Map<ImportOutcome, Integer> counts, List<PlannedRow> rows) {}

    public Preview dryRun(ImportFile file, ImportOptions options) {
        ImportPlan plan = plan(file, options, UUID.randomUUID());
        // A contact a dry run would create has no id yet: the commit gives it one.
        List<PlannedRow> rows = plan.rows().stream()
                .map(row -> row.outcome() == ImportOutcome.CREATE
                                && !row.changes().contains("interaction")
                        ? new PlannedRow(row.line(), row.outcome(), null, row.displayName(), null, row.changes())
                        : row)
                .toList();
        return new Preview(plan.format().label(), plan.counts(), rows);
    }

    /** Commits: stores the plan as a job and starts it; answers the job's id. */
    public UUID commit(ImportFile file, ImportOptions options) {
        Caller caller = currentCaller.get();
        UUID importId = UUID.randomUUID();
        ImportPlan plan = plan(file, options, importId);
        jobs.create(importId, caller, plan, clock.instant());
        runner.submit(() -> run(importId));
        return importId;
    }

    public Optional<ImportStatus> status(UUID importId) {
        return jobs.status(currentCaller.get().ownerId(), importId);
    }

    private ImportPlan plan(ImportFile file, ImportOptions options, UUID importId) {
        OwnerId owner = currentCaller.get().ownerId();
        return new ImportPlanner(
                        options,
                        existing(owner),
                        sources.of(owner),
                        interactionId -> !interactions
                                .participants(owner, new InteractionId(interactionId))
                                .isEmpty(),
                        clock.instant(),
                        importId,
                        owner.value())
                .plan(file);
    }

    private List<ExistingContact> existing(OwnerId owner) {
        return jdbc.query(
                """
                SELECT c.contact_id, c.display_name, c.organization, c.role, c.city, c.channels::text AS channels,
                       c.tags, c.known_since, c.archived, g.cadence_days,
                       g.last_interaction_at IS NULL AS never_contacted
                FROM contact_view c
                LEFT JOIN going_cold g ON g.owner_id = c.owner_id AND g.contact_id = c.contact_id
                WHERE c.owner_id = ? AND NOT c.forgotten""",
                (rs, n) -> {
                    Map<String, String> channels;
                    try {
                        channels = JSON.readValue(rs.getString("channels"), new TypeReference<>() {});
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        channels = Map.of();
                    }
                    OffsetDateTime knownSince = rs.getObject("known_since", OffsetDateTime.class);
                    return new ExistingContact(
                            rs.getObject("contact_id", UUID.class),
                            rs.getString("display_name"),
                            rs.getString("organization"),
                            rs.getString("role"),
                            rs.getString("city"),
                            channels,
                            Arrays.asList((String[]) rs.getArray("tags").getArray()),
                            knownSince == null ? null : knownSince.toInstant(),
                            rs.getBoolean("archived"),
                            rs.getObject("cadence_days", Integer.class),
                            rs.getBoolean("never_contacted"));
                },
                owner.value());
    }

    @EventListener(ApplicationReadyEvent.class)
    void watch() {
        watcher.scheduleWithFixedDelay(this::resumeUnclaimed, 2, 10, TimeUnit.SECONDS);
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        watcher.shutdownNow();
        runner.shutdownNow();
    }

    /** Picks up jobs nobody works on: queued ones, and those of a node that stopped (crashed mid-import). */
    private void resumeUnclaimed() {
        try {
            for (UUID importId : jobs.unclaimed()) {
                runner.submit(() -> run(importId));
            }
        } catch (RuntimeException e) {
            LOG.debug("looking for import jobs failed; trying again shortly", e);
        }
    }

    /** Runs a job to its end if this node can claim it. */
    void run(UUID importId) {
        Optional<ImportJobs.Claimed> claimed;
        try {
            claimed = jobs.claim(importId, node.value());
        } catch (RuntimeException e) {
            LOG.warn("import {} could not be claimed; another attempt follows", importId, e);
            return;
        }
        if (claimed.isEmpty()) {
            return;
        }
        ImportJobs.Claimed job = claimed.get();
        Map<String, String> metadata = Map.of(
                EventStoreConfiguration.IMPORT_ID, importId.toString(),
                EventStoreConfiguration.IMPORT_SOURCE, job.format().label());
        try {
            CallerScope.run(job.caller(), () -> {
                List<ImportJobs.Pending> chunk;
                long after = Long.MIN_VALUE;
                while (!(chunk = jobs.pending(importId, after, chunkSize)).isEmpty()) {
                    if (Thread.currentThread().isInterrupted()) {
                        return null; // stopping: another start resumes the rows not in
                    }
                    writeChunk(importId, job.caller().ownerId(), chunk, metadata);
                    after = chunk.get(chunk.size() - 1).line();
                }
                jobs.finish(importId, null);
                return null;
            });
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            LOG.error("import {} failed", importId, e);
            jobs.finish(importId, "the import stopped: " + e.getMessage());
        }
    }

    private void writeChunk(
            UUID importId, OwnerId owner, List<ImportJobs.Pending> chunk, Map<String, String> metadata) {
        try {
            write(importId, owner, chunk, metadata);
        } catch (DomainRuleViolation | CommandExecutionException refused) {
            // One row's contact changed since the plan: the rest go in one by one, the refused ones are errors.
            for (ImportJobs.Pending row : chunk) {
                try {
                    write(importId, owner, List.of(row), metadata);
                } catch (DomainRuleViolation | CommandExecutionException rowRefused) {
                    jobs.failed(importId, row.line(), "refused when committed: " + rowRefused.getMessage());
                }
            }
        }
    }

    private void write(UUID importId, OwnerId owner, List<ImportJobs.Pending> rows, Map<String, String> metadata) {
        List<ContactId> contacts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<UUID> keyContacts = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (ImportJobs.Pending row : rows) {
            contacts.addAll(row.action().contacts());
            lines.add(row.line());
            for (String key : row.action().sourceKeys()) {
                keys.add(key);
                keyContacts.add(row.action().contactId());
            }
        }
        commands.writeBatch(
                contacts.stream().distinct().toList(),
                metadata,
                (ownerId, at) -> {
                    List<Object> all = new ArrayList<>();
                    rows.forEach(row -> all.addAll(row.action().commands(ownerId, at)));
                    return all;
                },
                appended -> {
                    sources.remember(owner, keys, keyContacts);
                    jobs.done(importId, lines);
                });
    }

    /** For tests and tools: when the job's clock says it is. */
    Instant now() {
        return clock.instant();
    }
}
