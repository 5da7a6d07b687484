package io.synod.core.check;

import java.util.Optional;

/** A named counter: {@code increment} answers the new value, {@code read} the current one. Starts at 0. */
public final class CounterModel implements Model<Long, CounterModel.Input, Long> {

    public sealed interface Input permits Increment, Read {
        String name();
    }

    public record Increment(String name) implements Input {
        @Override
        public String toString() {
            return "incr(" + name + ")";
        }
    }

    public record Read(String name) implements Input {
        @Override
        public String toString() {
            return "read(" + name + ")";
        }
    }

    @Override
    public Long initialState() {
        return 0L;
    }

    @Override
    public Optional<Long> step(Long state, Input input, Optional<Long> output) {
        long after = input instanceof Increment ? state + 1 : state;
        return output.isEmpty() || output.get() == after ? Optional.of(after) : Optional.empty();
    }

    @Override
    public String partitionKey(Input input) {
        return input.name();
    }
}
