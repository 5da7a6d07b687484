package io.synod.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One peer as the local node's phi-accrual failure detector sees it at {@code at}.
 *
 * @param memberId             the peer's node id
 * @param state                alive, suspected or condemned
 * @param phi                  suspicion level: {@code -log10} of the probability that a heartbeat is merely late
 * @param lastHeartbeat        when the last heartbeat from it arrived (on this node's clock)
 * @param meanIntervalMillis   mean heartbeat inter-arrival time over the detector's window
 * @param stdDevIntervalMillis standard deviation of those intervals
 * @param samples              intervals in the window
 * @param at                   when this was measured
 */
public record MemberHealth(String memberId, MemberState state, double phi, Instant lastHeartbeat,
                           double meanIntervalMillis, double stdDevIntervalMillis, int samples, Instant at)
        implements Serializable {

    public MemberHealth {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
        Objects.requireNonNull(at, "at");
    }
}
