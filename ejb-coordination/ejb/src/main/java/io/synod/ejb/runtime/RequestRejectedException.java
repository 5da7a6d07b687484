package io.synod.ejb.runtime;

/**
 * The leader refused a forwarded request as invalid (e.g. it fails the leader's own validation, or the
 * replicated state refused the entry): final, nothing changed.
 */
public final class RequestRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RequestRejectedException(String message) {
        super(message);
    }
}
