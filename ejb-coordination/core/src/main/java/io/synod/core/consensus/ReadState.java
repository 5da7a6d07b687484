package io.synod.core.consensus;

import java.util.Arrays;
import java.util.Objects;

/**
 * A released linearizable read (thesis §6.4): once the state machine has applied {@code index}, the read
 * identified by {@code context} may be served from it.
 */
public record ReadState(long index, byte[] context) {

    public ReadState {
        Objects.requireNonNull(context, "context");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadState r && index == r.index && Arrays.equals(context, r.context);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Arrays.hashCode(context);
    }

    @Override
    public String toString() {
        return "ReadState[" + index + ", ctx=" + context.length + "B]";
    }
}
