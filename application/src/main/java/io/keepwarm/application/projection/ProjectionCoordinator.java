package io.keepwarm.application.projection;

import io.keepwarm.application.projection.ProjectionProcessors.Running;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Each node's part in running the projections. At start and then every {@code keepwarm.projections.tick} it:
 *
 * <ol>
 * <li>reports its heartbeat and the processors failing on it ({@link ClusterNodes}); the heartbeat also runs on
 *     a thread of its own every tick, so a long round does not make the node look dead;</li>
 * <li>runs exactly the processors the database asks for ({@link Projections#wanted()}): it starts a rebuild's
 *     processor on every node, and stops the retired one after a switch or a cancel;</li>
 * <li>switches each running rebuild that has caught up ({@link ProjectionRebuilds#trySwitch});</li>
 * <li>drops the tables of versions no node runs any more ({@link ProjectionRebuilds#sweep});</li>
 * <li>hands segments to nodes that have none: a node holding more than its share releases one, and an idle
 *     node's processor claims it. Axon takes over the segments of a node that died once its claims expire.</li>
 * </ol>
 *
 * <p>Starts after Axon (its event store and token store must be running) and before the web server, and stops
 * in the reverse order, releasing this node's claims so other nodes take its segments at once.
 */
@Component
@EnableConfigurationProperties(ProjectionSettings.class)
public class ProjectionCoordinator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionCoordinator.class);

    private final Projections projections;
    private final ProjectionProcessors processors;
    private final ProjectionRebuilds rebuilds;
    private final ClusterNodes nodes;
    private final SegmentClaims claims;
    private final ProjectionSettings settings;
    private volatile ScheduledExecutorService scheduler;
    private volatile ScheduledExecutorService heartbeats;
    private volatile boolean running;
    private final AtomicBoolean nudged = new AtomicBoolean();

    public ProjectionCoordinator(
            Projections projections,
            ProjectionProcessors processors,
            ProjectionRebuilds rebuilds,
            ClusterNodes nodes,
            SegmentClaims claims,
            ProjectionSettings settings) {
        this.projections = projections;
        this.processors = processors;
        this.rebuilds = rebuilds;
        this.nodes = nodes;
        this.claims = claims;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        running = true;
        tick();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-coordinator");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.tick().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * On a thread of its own, so that a round that takes long (a switch waiting for the writers in flight and
     * catching up, a processor finishing its batch before it stops) does not make this node look dead to the
     * others and to the admin API.
     */
    private void heartbeat() {
        if (!running) {
            return;
        }
        try {
            nodes.heartbeat(processors.all().values().stream()
                    .filter(Running::failing)
                    .map(Running::name)
                    .toList());
        } catch (RuntimeException e) {
            log.warn("projection heartbeat failed; trying again in {}: {}", settings.tick(), e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            running = false;
            stopping = scheduler;
            scheduler = null;
        }
        ScheduledExecutorService beating = heartbeats;
        heartbeats = null;
        if (beating != null) {
            // before the node signs off below, so that no late heartbeat brings it back
            beating.shutdownNow();
            try {
                beating.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stopping != null) {
            stopping.shutdown();
            try {
                stopping.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processors.stopAll();
        try {
            nodes.leave();
        } catch (RuntimeException e) {
            log.info("could not sign this node off: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After Axon's own lifecycle (Integer.MAX_VALUE - 3072), before the web server's (Integer.MAX_VALUE - 2048). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2560;
    }

    /**
     * Runs a round now, in the background: after a rebuild starts or is cancelled, or a rebuild's segment reached the
     * head, so this node acts at once. Nudges while one is pending are one round.
     */
    public void nudge() {
        ScheduledExecutorService current = scheduler;
        if (current != null && nudged.compareAndSet(false, true)) {
            current.execute(() -> {
                nudged.set(false);
                tick();
            });
        }
    }

    /** One round. */
    synchronized void tick() {
        if (!running) {
            return;
        }
        try {
            heartbeat();
            reconcile();
            boolean switched = false;
            for (Rebuild rebuild : projections.running()) {
                switched |= rebuilds.trySwitch(rebuild);
            }
            if (switched) {
                reconcile();
            }
            rebuilds.sweep(processors.names());
            balance();
            nodes.forgetLongGone();
        } catch (RuntimeException e) {
            log.warn("projection coordination failed; trying again in {}: {}", settings.tick(), e.toString());
        }
    }

    private void reconcile() {
        Map<String, ProjectionTables> wanted = projections.wanted();
        for (String name : processors.names()) {
            if (!wanted.containsKey(name)) {
                processors.stop(name);
            }
        }
        wanted.forEach((name, tables) -> {
            if (processors.get(name).isEmpty()) {
                processors.start(projections.definition(tables.projection()), tables.version());
            }
        });
    }

    /**
     * Segments are shared out among the live nodes: when some live node holds none of a processor's segments
     * while this node holds more than its share, this node releases one (Axon keeps it from reclaiming it for
     * two claim intervals), and the idle node's processor claims it.
     */
    private void balance() {
        List<ClusterNodes.Node> live = nodes.live();
        if (live.size() < 2) {
            return;
        }
        Map<String, Running> local = processors.all();
        List<SegmentClaims.Segment> segments = claims.of(local.keySet());
        for (Running processor : local.values()) {
            List<SegmentClaims.Segment> all = segments.stream()
                    .filter(segment -> segment.processor().equals(processor.name()))
                    .toList();
            Set<String> owners = new TreeSet<>();
            all.stream()
                    .map(SegmentClaims.Segment::liveOwner)
                    .filter(Objects::nonNull)
                    .forEach(owners::add);
            boolean someoneIdle = live.stream().anyMatch(node -> !owners.contains(node.nodeId()));
            int share = (int) Math.ceil(all.size() / (double) live.size());
            Set<Integer> mine = processor.segments();
            if (someoneIdle && mine.size() > share) {
                int release = mine.stream().max(Integer::compare).orElseThrow();
                log.info(
                        "releasing segment {} of {} to an idle node ({} live nodes)",
                        release,
                        processor.name(),
                        live.size());
                processor.processor().releaseSegment(release);
            }
        }
    }
}
