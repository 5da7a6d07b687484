package io.synod.ejb.transport;

/** The transport's server could not bind its address: the node cannot take part and must not start. */
public final class TransportBindException extends RuntimeException {

    public TransportBindException(String message, Throwable cause) {
        super(message, cause);
    }
}
