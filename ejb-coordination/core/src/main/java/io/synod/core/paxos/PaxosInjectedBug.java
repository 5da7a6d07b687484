package io.synod.core.paxos;

/**
 * Known-wrong behaviours for the test harnesses ("teeth"): each must observably break safety (two values
 * chosen for one slot). Never set outside tests: {@link PaxosConfig#bugs()} is empty by default.
 */
public enum PaxosInjectedBug {
    /** An acceptor accepts a ballot lower than the one it promised ("Paxos Made Simple" P1a violated). */
    ACCEPT_WITHOUT_PROMISE_CHECK,
    /**
     * A new leader ignores the values acceptors report in phase 1b and proposes its own (its own log, no-ops
     * elsewhere) instead of the highest-ballot accepted value per slot (P2c violated).
     */
    SKIP_ADOPT_HIGHEST_ACCEPTED
}
