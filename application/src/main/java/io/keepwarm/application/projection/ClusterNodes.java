package io.keepwarm.application.projection;

import io.keepwarm.application.eventstore.NodeId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The application nodes sharing this database ({@code projection_node}): each node's heartbeat and the
 * processors failing on it. A node counts as live while its heartbeat is younger than the token claim timeout,
 * the same time after which its segments are taken over.
 */
@Component
public class ClusterNodes {

    /** A live node and the processors that are failing on it. */
    public record Node(String nodeId, Set<String> failing) {}

    private final JdbcTemplate jdbc;
    private final NodeId self;
    private final Duration liveness;

    public ClusterNodes(JdbcTemplate jdbc, NodeId self, TokenStoreProperties tokenStore, ProjectionSettings settings) {
        this.jdbc = jdbc;
        this.self = self;
        Duration threeTicks = settings.tick().multipliedBy(3);
        this.liveness =
                tokenStore.getClaimTimeout().compareTo(threeTicks) > 0 ? tokenStore.getClaimTimeout() : threeTicks;
    }

    public NodeId self() {
        return self;
    }

    public void heartbeat(Collection<String> failing) {
        jdbc.update("""
                        INSERT INTO projection_node (node_id, started_at, last_seen, failing) VALUES (?, now(), now(), ?)
                        ON CONFLICT (node_id) DO UPDATE SET last_seen = now(), failing = excluded.failing""", self.value(), failing.toArray(String[]::new));
    }

    /** The nodes whose heartbeat is younger than the claim timeout (and at least three ticks). */
    public List<Node> live() {
        return jdbc.query(
                """
                        SELECT node_id, failing FROM projection_node
                        WHERE last_seen > now() - make_interval(secs => ?) ORDER BY node_id""",
                (rs, n) -> new Node(
                        rs.getString(1), Set.of((String[]) rs.getArray(2).getArray())),
                liveness.toMillis() / 1000.0);
    }

    /** A node that stops on purpose says so, so the others need not wait for its heartbeat to age. */
    public void leave() {
        jdbc.update("DELETE FROM projection_node WHERE node_id = ?", self.value());
    }

    /** Forgets nodes not seen for a day. */
    public void forgetLongGone() {
        jdbc.update("DELETE FROM projection_node WHERE last_seen < now() - interval '1 day'");
    }
}
