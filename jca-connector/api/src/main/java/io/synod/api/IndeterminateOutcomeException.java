package io.synod.api;

/** A write was sent but Synod cannot tell whether it took effect (leadership moved before it was seen committed, the node stopped, or no answer came in time). Read the key before deciding to retry; never retry blindly. */
public class IndeterminateOutcomeException extends SynodException {

    private static final long serialVersionUID = 1L;

    public IndeterminateOutcomeException(String message) {
        super(message);
    }

    public IndeterminateOutcomeException(String message, Throwable cause) {
        super(message, cause);
    }
}
