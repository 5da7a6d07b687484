package io.synod.ejb.runtime;

/**
 * A write was proposed but this node cannot tell whether it took effect: leadership moved before the entry was
 * seen committed, the node stopped, or the client session was forgotten. The write may or may not be applied;
 * a caller must read before deciding to retry, never retry blindly.
 */
public final class IndeterminateOutcomeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IndeterminateOutcomeException(String message) {
        super(message);
    }
}
