package io.synod.core.check;

import java.util.Objects;
import java.util.Optional;

/**
 * A register per key supporting put, get and compare-and-set. The state is the register's value, empty
 * while nothing was ever written.
 */
public final class CasRegisterModel implements Model<Optional<Long>, CasRegisterModel.Input, CasRegisterModel.Output> {

    public sealed interface Input permits Put, Get, Cas {
        String key();
    }

    public record Put(String key, long value) implements Input {
        @Override
        public String toString() {
            return "put(" + key + ", " + value + ")";
        }
    }

    public record Get(String key) implements Input {
        @Override
        public String toString() {
            return "get(" + key + ")";
        }
    }

    public record Cas(String key, long expected, long update) implements Input {
        @Override
        public String toString() {
            return "cas(" + key + ", " + expected + " -> " + update + ")";
        }
    }

    public sealed interface Output permits Written, Value, Swapped {
    }

    /** The put was acknowledged. */
    public record Written() implements Output {
        @Override
        public String toString() {
            return "ok";
        }
    }

    /** What a get returned; empty = the key was absent. */
    public record Value(Optional<Long> value) implements Output {
        public Value {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return value.map(String::valueOf).orElse("absent");
        }
    }

    /** Whether the CAS matched and wrote. */
    public record Swapped(boolean swapped) implements Output {
        @Override
        public String toString() {
            return swapped ? "swapped" : "mismatch";
        }
    }

    @Override
    public Optional<Long> initialState() {
        return Optional.empty();
    }

    @Override
    public Optional<Optional<Long>> step(Optional<Long> state, Input input, Optional<Output> output) {
        if (input instanceof Put put) {
            return output.isEmpty() || output.get() instanceof Written
                    ? Optional.of(Optional.of(put.value())) : Optional.empty();
        }
        if (input instanceof Get) {
            if (output.isEmpty()) {
                return Optional.of(state);
            }
            return output.get() instanceof Value v && v.value().equals(state) ? Optional.of(state) : Optional.empty();
        }
        Cas cas = (Cas) input;
        boolean matches = state.isPresent() && state.get() == cas.expected();
        Optional<Long> after = matches ? Optional.of(cas.update()) : state;
        if (output.isEmpty()) {
            return Optional.of(after);
        }
        return output.get() instanceof Swapped s && s.swapped() == matches ? Optional.of(after) : Optional.empty();
    }

    @Override
    public String partitionKey(Input input) {
        return input.key();
    }
}
