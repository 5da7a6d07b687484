package io.synod.api;

/** A request broke a rule (a bad key, value, TTL, revision or scan limit). Thrown before anything is proposed: nothing changed. Retrying the same request fails the same way. */
public class InvalidRequestException extends SynodException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
