package io.synod.api;

/** How a member looks to the failure detector of the node the caller runs on. */
public enum MemberState {
    /** Its heartbeats arrive as their history predicts (phi below {@code synod.detector.phi-threshold}). */
    ALIVE,
    /** Silent for longer than its heartbeat history makes plausible (phi at or above the threshold). */
    SUSPECTED,
    /** Suspected without a break for {@code synod.detector.condemn-after-millis}; only a heartbeat lifts it. */
    CONDEMNED
}
