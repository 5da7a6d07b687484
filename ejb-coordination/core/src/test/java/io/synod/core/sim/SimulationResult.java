package io.synod.core.sim;

import io.synod.core.check.CheckResult;

import java.util.Optional;

/**
 * The outcome of one seed.
 *
 * @param failure       what broke (invariant, linearizability, liveness, engine exception), with the trace tail
 * @param traceHash     digest of every event: equal for two runs of one seed
 * @param inconclusive  the linearizability check ran out of budget on some model (not a failure)
 * @param coordination  what the clients of the real coordination services did and saw
 */
public record SimulationResult(long seed, Optional<String> failure, long traceHash, long events, int operations,
                               int unknownOutcomes, boolean inconclusive, String plan,
                               CoordinationStats coordination) {

    public boolean failed() {
        return failure.isPresent();
    }

    static boolean inconclusive(CheckResult r) {
        return r.verdict() == CheckResult.Verdict.UNKNOWN;
    }
}
