package io.synod.ejb.runtime;

/**
 * A write may have been proposed but nobody can tell whether it took effect: no leader confirmed it within the
 * request timeout (it was retried, with the same client id and sequence, at whoever led), the client session was
 * forgotten, or the duplicate filter had moved past its sequence. The write may or may not be applied; a caller
 * must read before deciding to retry, never retry blindly.
 */
public final class IndeterminateOutcomeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IndeterminateOutcomeException(String message) {
        super(message);
    }
}
