package io.synod.core.paxos;

/**
 * The leader's view of one acceptor (or learner): how far it holds the leader's values and what to send next.
 * PROBE sends one batch and waits for the answer; REPLICATE pipelines up to {@code window} slots past
 * {@code matched}; SNAPSHOT waits for a snapshot transfer to finish (etcd's tracker/progress.go, per slot).
 */
final class AcceptorProgress {

    enum State { PROBE, REPLICATE, SNAPSHOT }

    final boolean learner;
    State state = State.PROBE;
    /** Highest slot up to which the acceptor holds this leader's values, without a hole. */
    long matched;
    /** Next slot to send. */
    long next;
    /** PROBE: a batch is out, wait for its answer (or a heartbeat answer) before sending another. */
    boolean probeSent;
    /** Heard from since the last check-quorum round. */
    boolean recentActive;
    /** Heartbeat answers in a row that showed no progress while behind: lost Accepts, resend. */
    int stalledAcks;

    AcceptorProgress(long next, boolean learner) {
        this.next = next;
        this.learner = learner;
    }

    void becomeProbe() {
        state = State.PROBE;
        next = matched + 1;
        probeSent = false;
        stalledAcks = 0;
    }

    void becomeReplicate() {
        state = State.REPLICATE;
        next = Math.max(next, matched + 1);
        probeSent = false;
    }

    /** Record an acknowledgement up to {@code slot}; true when it is news. */
    boolean ackTo(long slot) {
        if (slot > matched) {
            matched = slot;
            next = Math.max(next, slot + 1);
            stalledAcks = 0;
            return true;
        }
        return false;
    }

    /** Whether another Accept may leave now, given the leader's send limit and the window. */
    boolean canSend(long sendLimit, int window) {
        return switch (state) {
            case PROBE -> !probeSent && next <= sendLimit;
            case REPLICATE -> next <= sendLimit && next <= matched + window;
            case SNAPSHOT -> false;
        };
    }

    @Override
    public String toString() {
        return state + " matched=" + matched + " next=" + next;
    }
}
