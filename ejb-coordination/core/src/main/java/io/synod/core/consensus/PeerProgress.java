package io.synod.core.consensus;

/** The leader's view of one follower's replication (flow-control state, match and next index). */
public record PeerProgress(NodeId peer, long match, long next, String state, boolean learner, boolean recentActive) {
}
