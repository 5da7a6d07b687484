package io.synod.api;

/** The value is larger than {@code synod.kv.max-value-bytes} (default 1 MiB). Nothing changed. */
public class ValueTooLargeException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    public ValueTooLargeException(String message) {
        super(message);
    }

    public ValueTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
