package io.synod.core.check;

import java.util.Optional;

/**
 * A sequential specification: what a single copy of the object would answer, one operation at a time.
 * States must be immutable values with {@code equals}/{@code hashCode}: the checker memoises on them.
 *
 * @param <S> the object's state
 * @param <I> an operation's input
 * @param <O> an operation's output
 */
public interface Model<S, I, O> {

    S initialState();

    /**
     * Apply {@code input} in {@code state}. Returns the next state if {@code output} is a response the
     * object could have given from {@code state}, empty otherwise. An empty {@code output} means the
     * response is unknown: any response is acceptable, but the effect must still be applied.
     */
    Optional<S> step(S state, I input, Optional<O> output);

    /**
     * P-compositionality (Herlihy &amp; Wing): operations on different keys are independent objects, so a
     * history is linearizable iff each per-key sub-history is. Returns the key {@code input} touches.
     */
    String partitionKey(I input);
}
