package io.synod.core.statemachine;

/** What the duplicate filter says about an incoming (client, sequence) before it is applied. */
public sealed interface SessionVerdict {

    /** Never seen: apply it. */
    record Fresh() implements SessionVerdict {
    }

    /** A retry of the last applied command: answer with the remembered result, do not apply again. */
    record Duplicate(byte[] cachedResult) implements SessionVerdict {
    }

    /** Older than the last applied command; its result is no longer remembered. */
    record Stale(long lastSequence) implements SessionVerdict {
    }

    /**
     * The client is not (or no longer) known but the sequence says it sent commands before: its session expired
     * or was evicted, so whether an earlier attempt was applied cannot be told. Refusing is the only answer that
     * can never duplicate.
     */
    record Unknown() implements SessionVerdict {
    }
}
