package io.keepwarm.application.eventstore;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This application node's name on the shared database: the owner of the event-processor segments it claims in
 * {@code token_entry}, and its row in {@code projection_node}. Set {@code keepwarm.node-id} to name a node;
 * by default it is {@code <host>-<pid>-<random>}, unique even for two nodes in one JVM.
 */
public record NodeId(String value) {

    public NodeId {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException("a node id is 1 to 200 characters: " + value);
        }
    }

    public static NodeId configuredOrGenerated(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new NodeId(configured.strip());
        }
        return new NodeId(host() + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
