package io.synod.ejb.node;

/** Where the node is in its life on this instance. */
public enum NodeState {
    /** Configuration accepted; waiting for Payara's Hazelcast to announce ourselves. */
    DISCOVERING,
    /** Announced and following the other members. */
    RUNNING,
    /** Could not announce (e.g. its node id is taken); see the log. */
    FAILED,
    STOPPED
}
