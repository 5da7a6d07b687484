package io.synod.api;

/** Root of every exception Synod's API throws. Unchecked: callers decide where to handle coordination failures. */
public class SynodException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SynodException(String message) {
        super(message);
    }

    public SynodException(String message, Throwable cause) {
        super(message, cause);
    }
}
