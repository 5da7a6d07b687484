package io.synod.ejb.runtime;

import io.synod.core.consensus.NodeId;
import io.synod.ejb.transport.ClientFrame;

import java.util.Optional;

/** Where {@link OutstandingRequests} sends an attempt: the runtime's view of the leader, itself or a peer. */
interface RequestRoute {

    NodeId self();

    /** The leader this node currently follows (itself when it leads). */
    Optional<NodeId> leader();

    /**
     * Serve a request on this node, which believes it leads; the reply comes back through
     * {@link OutstandingRequests#onReply}, possibly before this returns.
     *
     * @return whether the request may have been proposed (false: refused before reaching the log)
     */
    boolean serveLocally(ClientFrame request);

    /** Send a request to the leader over the transport (never blocks; a lost frame is retried by the caller). */
    void forward(NodeId leader, ClientFrame request);
}
