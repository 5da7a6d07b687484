package io.synod.core.check;

import java.util.List;
import java.util.Optional;

/**
 * The checker's verdict. {@link Verdict#UNKNOWN} means the step budget ran out before a linearization
 * (or a proof that none exists) was found on some key, and no key was found illegal.
 *
 * @param explanation present iff the verdict is {@link Verdict#ILLEGAL}
 * @param steps       search steps spent over all keys (deterministic, for tuning budgets)
 */
public record CheckResult(Verdict verdict, Optional<Explanation> explanation, long steps) {

    public enum Verdict { OK, ILLEGAL, UNKNOWN }

    /**
     * Why a history is not linearizable: on {@code key}, no order of the {@code operations} operations
     * respects real time and the model; {@code longestPrefix} is the longest sequence of them that could
     * be linearized (each shown as "input -> output"), the place to start reading.
     */
    public record Explanation(String key, int operations, List<String> longestPrefix) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("key '").append(key).append("' (").append(operations)
                    .append(" operations) is not linearizable; longest linearizable prefix (")
                    .append(longestPrefix.size()).append("):");
            for (String op : longestPrefix) {
                sb.append("\n    ").append(op);
            }
            return sb.toString();
        }
    }

    public boolean isIllegal() {
        return verdict == Verdict.ILLEGAL;
    }

    @Override
    public String toString() {
        return verdict + explanation.map(e -> ": " + e).orElse("") + " (" + steps + " steps)";
    }
}
