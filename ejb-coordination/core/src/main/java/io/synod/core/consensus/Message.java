package io.synod.core.consensus;

/**
 * A protocol message between two members of one consensus group. Each engine defines its own sealed
 * family (e.g. {@code RaftMessage}); the shell only needs addressing to route it and the codec to frame it.
 */
public interface Message {

    /** The consensus group this message belongs to (group 0 holds cluster metadata). */
    long groupId();

    NodeId from();

    NodeId to();
}
