package io.synod.core.raft;

/**
 * The leader's view of one follower (etcd tracker/progress.go). {@code match} is the highest index known to
 * be replicated there; {@code next} the next index to send. The state decides how aggressively to send:
 * <ul>
 *   <li>PROBE: we do not know where the logs diverge; send one AppendEntries and wait for its answer;</li>
 *   <li>REPLICATE: logs match up to {@code match}; stream optimistically, bounded by {@link Inflights};</li>
 *   <li>SNAPSHOT: the follower needs compacted entries; a chunked snapshot is in flight, send nothing else.</li>
 * </ul>
 */
final class Progress {

    enum State { PROBE, REPLICATE, SNAPSHOT }

    long match;
    long next;
    State state = State.PROBE;
    /** Index of the snapshot being sent while in SNAPSHOT state. */
    long pendingSnapshot;
    /** Heard from since the last check-quorum round (§6.2). */
    boolean recentActive;
    /** In PROBE: one probe is outstanding, wait for its answer (or a heartbeat answer) before the next. */
    boolean probeSent;
    boolean learner;
    final Inflights inflights;

    Progress(long next, int maxInflight, boolean learner) {
        this.next = Math.max(next, 1);
        this.inflights = new Inflights(maxInflight);
        this.learner = learner;
    }

    void becomeProbe() {
        // After a snapshot the follower holds at least the snapshot: probe right after it.
        if (state == State.SNAPSHOT) {
            long pending = pendingSnapshot;
            resetState(State.PROBE);
            next = Math.max(match + 1, pending + 1);
        } else {
            resetState(State.PROBE);
            next = match + 1;
        }
    }

    void becomeReplicate() {
        resetState(State.REPLICATE);
        next = match + 1;
    }

    void becomeSnapshot(long snapshotIndex) {
        resetState(State.SNAPSHOT);
        pendingSnapshot = snapshotIndex;
    }

    private void resetState(State to) {
        probeSent = false;
        pendingSnapshot = 0;
        state = to;
        inflights.reset();
    }

    /** A successful AppendResponse up to {@code index}; false when it tells us nothing new. */
    boolean maybeUpdate(long index) {
        boolean updated = false;
        if (match < index) {
            match = index;
            updated = true;
            probeSent = false;
        }
        next = Math.max(next, index + 1);
        return updated;
    }

    /** Pipelining: assume the message just sent will succeed. */
    void optimisticUpdate(long lastSent) {
        next = lastSent + 1;
    }

    /**
     * A rejection of the append whose prevIndex was {@code rejected}; {@code matchHint} is where the follower's
     * log may match. Returns false for stale rejections (answers to messages superseded since).
     */
    boolean maybeDecrTo(long rejected, long matchHint) {
        if (state == State.REPLICATE) {
            if (rejected <= match) {
                return false;
            }
            next = match + 1;
            return true;
        }
        if (next - 1 != rejected) {
            return false;
        }
        next = Math.max(Math.min(rejected, matchHint + 1), match + 1);
        probeSent = false;
        return true;
    }

    boolean isPaused() {
        return switch (state) {
            case PROBE -> probeSent;
            case REPLICATE -> inflights.full();
            case SNAPSHOT -> true;
        };
    }

    @Override
    public String toString() {
        return state + " match=" + match + " next=" + next + (learner ? " learner" : "")
                + (state == State.SNAPSHOT ? " pendingSnapshot=" + pendingSnapshot : "")
                + " inflight=" + inflights.count();
    }
}
