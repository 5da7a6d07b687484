package io.synod.core.sim;

/** A safety property of Raft was broken; thrown at the step that broke it so the trace ends there. */
public final class InvariantViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvariantViolation(String message) {
        super(message);
    }
}
