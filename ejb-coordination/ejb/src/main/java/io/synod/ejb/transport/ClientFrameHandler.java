package io.synod.ejb.transport;

import io.synod.core.consensus.NodeId;

/**
 * Receives the well-formed client frames of authenticated peers, with the sender's proven id (a reply goes back
 * to it). Called on a Netty thread: it must only enqueue, the node's event loop does the work.
 */
@FunctionalInterface
public interface ClientFrameHandler {

    void accept(NodeId from, ClientFrame frame);
}
