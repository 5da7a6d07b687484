package io.synod.ejb.node;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the transport should reach each peer. Hazelcast is discovery, not the consensus path: when it loses
 * sight of a configuration member (a stalled JVM, a split brain that has not merged yet), the runtime keeps that
 * member's last announced address and goes on reconnecting to it, so consensus never waits for discovery to heal.
 * Members outside the configuration are reached only while visible. Called from one thread at a time.
 */
final class PeerAddressBook {

    /** The newest address each member ever announced. */
    private final Map<NodeId, InetSocketAddress> lastAnnounced = new HashMap<>();

    /**
     * @param visible       the addresses discovery shows now (not this node)
     * @param configuration the runtime's current configuration
     * @return the visible addresses, plus the last announced address of every configuration member not visible
     */
    Map<NodeId, InetSocketAddress> peersFor(Map<NodeId, InetSocketAddress> visible, ConfState configuration,
                                            NodeId self) {
        lastAnnounced.putAll(visible);
        Map<NodeId, InetSocketAddress> peers = new HashMap<>(visible);
        Stream.concat(configuration.voters().stream(), configuration.learners().stream())
                .filter(id -> !id.equals(self) && !peers.containsKey(id) && lastAnnounced.containsKey(id))
                .forEach(id -> peers.put(id, lastAnnounced.get(id)));
        return Map.copyOf(peers);
    }
}
