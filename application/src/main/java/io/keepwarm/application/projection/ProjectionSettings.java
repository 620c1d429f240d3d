package io.keepwarm.application.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How rebuilds run ({@code keepwarm.projections.*}); the active versions are written inline and need no settings.
 *
 * @param segments            segments per rebuild processor, shared out among the nodes; each reads the whole store
 * @param threads             threads per rebuild processor on each node (at most one segment per thread)
 * @param rebuildBatchSize    most events per transaction of a version being rebuilt. A batch never waits for more events, so a
 *                            large value adds no latency; it only makes replaying the store cheaper (fewer
 *                            transactions, and the going-cold projection writes a whole batch in five statements)
 * @param tokenClaimInterval  how often a node with idle threads looks for unclaimed segments
 * @param tick                how often each node reconciles its processors with the database, balances
 *                            segments, switches caught-up rebuilds and cleans up retired versions
 * @param switchLockTimeout   how long the switch may wait for readers of the old version before trying again
 *                            on the next tick (for the hand-over lock, at most one second: writers queue behind it)
 */
@ConfigurationProperties("keepwarm.projections")
public record ProjectionSettings(
        @DefaultValue("1") int segments,
        @DefaultValue("1") int threads,
        @DefaultValue("1000") int rebuildBatchSize,
        @DefaultValue("1s") Duration tokenClaimInterval,
        @DefaultValue("1s") Duration tick,
        @DefaultValue("5s") Duration switchLockTimeout) {}
