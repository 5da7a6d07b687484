package io.synod.core.check;

import java.util.Objects;
import java.util.Optional;

/**
 * One client operation as observed from outside the system: what was asked, what came back, and the
 * real-time interval in which it happened. An operation whose outcome is unknown (the call timed out: it
 * may or may not have taken effect) has no output and completes at +infinity, so the checker may place
 * its effect anywhere after its invocation, including after everything else (= never applied).
 *
 * @param clientId     who issued it (informational: one client has at most one operation outstanding)
 * @param input        the request
 * @param output       the response; empty when the outcome is unknown
 * @param invokeTime   logical time the call was made
 * @param completeTime logical time the response arrived; {@link Long#MAX_VALUE} when unknown
 */
public record Operation<I, O>(int clientId, I input, Optional<O> output, long invokeTime, long completeTime) {

    public static final long NEVER = Long.MAX_VALUE;

    public Operation {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        if (completeTime < invokeTime) {
            throw new IllegalArgumentException("completes before it is invoked: " + invokeTime + " > " + completeTime);
        }
        if (output.isEmpty() && completeTime != NEVER) {
            throw new IllegalArgumentException("an operation without a response must complete at +infinity");
        }
    }

    public static <I, O> Operation<I, O> completed(int clientId, I input, O output, long invokeTime, long completeTime) {
        return new Operation<>(clientId, input, Optional.of(output), invokeTime, completeTime);
    }

    public static <I, O> Operation<I, O> unknown(int clientId, I input, long invokeTime) {
        return new Operation<>(clientId, input, Optional.empty(), invokeTime, NEVER);
    }

    public boolean outcomeUnknown() {
        return output.isEmpty();
    }

    @Override
    public String toString() {
        return "c" + clientId + " " + input + " -> " + output.map(String::valueOf).orElse("?")
                + " [" + invokeTime + ", " + (completeTime == NEVER ? "inf" : String.valueOf(completeTime)) + "]";
    }
}
