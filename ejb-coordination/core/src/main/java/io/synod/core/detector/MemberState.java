package io.synod.core.detector;

/** How a member looks to the failure detector. */
public enum MemberState {
    /** Heartbeats arrive as the history predicts (phi below the threshold). */
    ALIVE,
    /** Silent for longer than its history makes plausible: phi at or above the threshold. */
    SUSPECTED,
    /**
     * Suspected without a break for the configured condemn-after duration: the cluster acts on it (the scheduler
     * reassigns its tasks). Only a fresh heartbeat lifts it.
     */
    CONDEMNED
}
