package io.synod.ejb.runtime;

import io.synod.core.statemachine.lock.LockInfo;
import io.synod.core.statemachine.session.SessionInfo;

import java.util.List;

/**
 * A copy of this member's sessions and locks at one applied index, taken on the event loop: what the ops API, the
 * metrics and the leader's expiry proposer read. {@code clockMillis} is the group's replicated time at that index
 * (session TTLs left are judged against it).
 */
public record CoordinationState(long appliedIndex, long clockMillis, List<LockInfo> locks,
                                List<SessionInfo> sessions) {

    public CoordinationState {
        locks = List.copyOf(locks);
        sessions = List.copyOf(sessions);
    }
}
