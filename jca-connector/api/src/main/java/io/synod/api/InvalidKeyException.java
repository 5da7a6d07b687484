package io.synod.api;

/** The key is empty, not well-formed UTF-8 (an unpaired surrogate) or longer than {@code synod.kv.max-key-bytes} (default 1 KiB) in UTF-8. Nothing changed. */
public class InvalidKeyException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    public InvalidKeyException(String message) {
        super(message);
    }

    public InvalidKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
