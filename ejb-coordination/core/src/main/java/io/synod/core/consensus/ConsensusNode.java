package io.synod.core.consensus;

/**
 * A consensus engine instance for one group on one member: a deterministic step function.
 * No threads, no I/O, no clock: time is {@link #tick()}, randomness comes from an injected seeded source,
 * and every effect is returned through {@link #ready()}.
 *
 * <p>Not thread-safe: the shell calls it from one thread (the event loop; in tests, the simulation).
 */
public interface ConsensusNode {

    NodeId id();

    long groupId();

    /** One logical clock tick (the shell decides how long a tick is). Drives elections and heartbeats. */
    void tick();

    /** Deliver a message from a peer. Messages for another group or from a stale term are handled per protocol. */
    void step(Message message);

    /**
     * Append a command to the log (leader only).
     *
     * @throws NotLeaderException       when this node is not the leader
     * @throws ProposalDroppedException when the leader cannot take proposals now (e.g. transferring leadership)
     */
    ProposalReceipt propose(byte[] command);

    /**
     * Append a single-server membership change (leader only). Only one may be pending (appended but not
     * yet applied) at a time.
     *
     * @throws NotLeaderException       when this node is not the leader
     * @throws ProposalDroppedException when another change is still pending or the change is invalid
     */
    ProposalReceipt proposeConfChange(ConfChange change);

    /**
     * Request a linearizable read (leader only). Once leadership is confirmed per {@code mode}, a
     * {@link ReadState} with the same context is released through {@link Ready#readStates()}.
     *
     * @throws NotLeaderException when this node is not the leader
     */
    void readIndex(byte[] context, ReadMode mode);

    /** Hand leadership to {@code target} (thesis §3.10): catch it up, then send it TimeoutNow. Leader only. */
    void transferLeadership(NodeId target);

    /** The shell could not reach {@code peer}: fall back to probing it. */
    void reportUnreachable(NodeId peer);

    /** Whether {@link #ready()} would return a non-empty batch. */
    boolean hasReady();

    /** The pending batch of work; call {@link #advance(Ready)} with it once done. */
    Ready ready();

    /** Acknowledge that {@code ready} was persisted, sent and applied. */
    void advance(Ready ready);

    NodeStatus status();
}
