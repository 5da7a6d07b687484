package io.synod.core.statemachine;

/**
 * What applying one committed log entry produced, for the shell to complete the waiting client (matched by the
 * entry index and term of its proposal receipt).
 */
public sealed interface ApplyOutcome {

    long index();

    /** Applied now; {@code result} is the service's encoded result. */
    record Applied(long index, ClientId clientId, long sequence, byte[] result) implements ApplyOutcome {
    }

    /** A retry of an already applied command: nothing changed, {@code result} is the one remembered. */
    record Duplicate(long index, ClientId clientId, long sequence, byte[] result) implements ApplyOutcome {
    }

    /** Older than the client's last applied command; not applied, result no longer known. */
    record Stale(long index, ClientId clientId, long sequence, long lastSequence) implements ApplyOutcome {
    }

    /**
     * The client's session was forgotten (idle or evicted), so an earlier attempt may or may not have been
     * applied: not applied now, and the client must be told its outcome is indeterminate.
     */
    record SessionExpired(long index, ClientId clientId, long sequence) implements ApplyOutcome {
    }

    /** The entry's bytes are not a valid envelope, or target a service this group does not host. */
    record Rejected(long index, String reason) implements ApplyOutcome {
    }

    /** Nothing for a state machine: a leader no-op, a configuration change, or an index already applied. */
    record Skipped(long index) implements ApplyOutcome {
    }
}
