package io.synod.core.raft;

/**
 * What a node does in its current role, after {@link RaftNode#step} has dealt with terms and votes
 * (etcd's stepLeader / stepCandidate / stepFollower and the per-role tick functions).
 */
interface RoleBehaviour {

    void step(RaftMessage message);

    void tick();
}
