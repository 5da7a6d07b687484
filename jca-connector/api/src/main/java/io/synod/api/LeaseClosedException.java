package io.synod.api;

/** The lease was closed: it can be neither used to fence a write nor re-acquired. Nothing changed. */
public class LeaseClosedException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    public LeaseClosedException(String message) {
        super(message);
    }
}
