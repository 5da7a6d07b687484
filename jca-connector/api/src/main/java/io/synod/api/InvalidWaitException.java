package io.synod.api;

/** A negative or null wait. Nothing changed. */
public class InvalidWaitException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    public InvalidWaitException(String message) {
        super(message);
    }
}
