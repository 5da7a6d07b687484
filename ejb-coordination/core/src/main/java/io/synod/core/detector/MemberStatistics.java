package io.synod.core.detector;

import io.synod.core.consensus.NodeId;

import java.util.Objects;

/**
 * What the console and the metrics show for one member at one instant.
 *
 * @param phi                 suspicion level at {@code atMillis}
 * @param meanMillis          mean heartbeat inter-arrival time of the window (before the pause margin is added)
 * @param stdDevMillis        its standard deviation (before the minimum is applied)
 * @param samples             intervals in the window
 * @param lastHeartbeatMillis arrival time of the last heartbeat
 */
public record MemberStatistics(NodeId member, long atMillis, double phi, MemberState state, double meanMillis,
                               double stdDevMillis, int samples, long lastHeartbeatMillis) {

    public MemberStatistics {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(state, "state");
    }
}
