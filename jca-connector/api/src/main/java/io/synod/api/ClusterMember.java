package io.synod.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * A Synod member as seen by the local node: its stable node id and the address its consensus transport
 * listens on.
 *
 * @param nodeId        stable identity ({@code synod.node-id}; by default the Payara instance name)
 * @param transportHost host the member's Synod transport binds to
 * @param transportPort port the member's Synod transport binds to
 * @param local         whether this is the member the caller's node runs on
 */
public record ClusterMember(String nodeId, String transportHost, int transportPort, boolean local)
        implements Serializable {

    public ClusterMember {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(transportHost, "transportHost");
    }

    /** {@code host:port} of the transport. */
    public String transportAddress() {
        return transportHost + ":" + transportPort;
    }
}
