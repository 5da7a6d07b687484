package io.synod.ejb.runtime;

/**
 * No leader took the request within the request timeout ({@code synod.client.request-timeout-millis}): none was
 * known, or every one asked refused it before proposing. Nothing was proposed; retrying later is safe.
 */
public final class NoLeaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NoLeaderException(String message) {
        super(message);
    }
}
