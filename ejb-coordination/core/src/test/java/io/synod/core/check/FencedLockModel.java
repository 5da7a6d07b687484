package io.synod.core.check;

import java.util.Optional;

/**
 * A named non-blocking lock with fencing tokens: {@code acquire} grants the lock with a token when it is
 * free and answers busy otherwise; {@code release} frees it if the caller holds it. In linearization
 * order at most one client holds the lock, and every granted token is strictly larger than all tokens
 * granted before it (so a resource can reject a deposed holder's writes).
 */
public final class FencedLockModel implements Model<FencedLockModel.State, FencedLockModel.Input, FencedLockModel.Output> {

    /**
     * @param holder    client holding the lock, empty when free
     * @param lastToken largest token known to have been granted; a lower bound when a grant had an unknown
     *                  outcome (its token was never seen), which keeps the check sound
     */
    public record State(Optional<Integer> holder, long lastToken) {
    }

    public sealed interface Input permits Acquire, Release {
        String lock();

        int client();
    }

    public record Acquire(String lock, int client) implements Input {
        @Override
        public String toString() {
            return "acquire(" + lock + ", c" + client + ")";
        }
    }

    public record Release(String lock, int client) implements Input {
        @Override
        public String toString() {
            return "release(" + lock + ", c" + client + ")";
        }
    }

    public sealed interface Output permits Granted, Busy, Released, NotHeld {
    }

    public record Granted(long token) implements Output {
        @Override
        public String toString() {
            return "granted#" + token;
        }
    }

    public record Busy() implements Output {
        @Override
        public String toString() {
            return "busy";
        }
    }

    public record Released() implements Output {
        @Override
        public String toString() {
            return "released";
        }
    }

    public record NotHeld() implements Output {
        @Override
        public String toString() {
            return "not-held";
        }
    }

    @Override
    public State initialState() {
        return new State(Optional.empty(), 0);
    }

    @Override
    public Optional<State> step(State state, Input input, Optional<Output> output) {
        boolean free = state.holder().isEmpty();
        if (input instanceof Acquire acquire) {
            if (output.isEmpty()) {
                return Optional.of(free ? new State(Optional.of(acquire.client()), state.lastToken()) : state);
            }
            if (output.get() instanceof Granted g) {
                return free && g.token() > state.lastToken()
                        ? Optional.of(new State(Optional.of(acquire.client()), g.token())) : Optional.empty();
            }
            return output.get() instanceof Busy && !free ? Optional.of(state) : Optional.empty();
        }
        boolean holds = state.holder().equals(Optional.of(input.client()));
        State after = holds ? new State(Optional.empty(), state.lastToken()) : state;
        if (output.isEmpty()) {
            return Optional.of(after);
        }
        if (output.get() instanceof Released) {
            return holds ? Optional.of(after) : Optional.empty();
        }
        return output.get() instanceof NotHeld && !holds ? Optional.of(state) : Optional.empty();
    }

    @Override
    public String partitionKey(Input input) {
        return input.lock();
    }
}
