package io.keepwarm.application.projection;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the projections' tracking event processors run ({@code keepwarm.projections.*}).
 *
 * @param segments            segments per processor, shared out among the nodes
 * @param threads             threads per processor on each node (at most one segment per thread)
 * @param batchSize           most events per transaction; a batch never waits for more events, so a large
 *                            value only helps catching up and rebuilds, never adds latency
 * @param tokenClaimInterval  how often a node with idle threads looks for unclaimed segments
 * @param tick                how often each node reconciles its processors with the database, balances
 *                            segments, switches caught-up rebuilds and cleans up retired versions
 * @param switchLockTimeout   how long the switch may wait for readers of the old version before trying again
 *                            on the next tick
 */
@ConfigurationProperties("keepwarm.projections")
public record ProjectionSettings(@DefaultValue("2") int segments,
                                 @DefaultValue("2") int threads,
                                 @DefaultValue("100") int batchSize,
                                 @DefaultValue("1s") Duration tokenClaimInterval,
                                 @DefaultValue("1s") Duration tick,
                                 @DefaultValue("5s") Duration switchLockTimeout) {
}
