package io.synod.ejb.transport;

import io.synod.core.consensus.NodeId;

/**
 * Hears the well-formed heartbeats of authenticated peers, with the sender's proven id. Called on a Netty
 * thread the moment the frame is decoded (the arrival time is what the failure detector measures): it must
 * only note the arrival, never block.
 */
@FunctionalInterface
public interface HeartbeatListener {

    HeartbeatListener IGNORE = (from, heartbeat) -> {
    };

    void accept(NodeId from, Heartbeat heartbeat);
}
