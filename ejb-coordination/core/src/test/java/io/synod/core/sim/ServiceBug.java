package io.synod.core.sim;

/**
 * Known-wrong behaviours of the replicated coordination services (not of the engines), switched on to prove the
 * simulation's service checks catch them. Replay one with {@code -Dsynod.sim.bug=NAME}.
 */
public enum ServiceBug {
    /** The lock table grants to a session without re-checking its deadline in leader time (etcd#11456). */
    LOCK_GRANT_SKIPS_SESSION_CHECK,
    /** The scheduler accepts a held task's completion whatever attempt token it carries (a stale attempt's too). */
    SCHEDULER_ACCEPTS_STALE_COMPLETION
}
