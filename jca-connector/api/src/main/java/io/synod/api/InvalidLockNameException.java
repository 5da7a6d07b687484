package io.synod.api;

/** A lock name that is empty, longer than 256 characters or outside {@code A-Z a-z 0-9 . _ - / : @}. Nothing changed. */
public class InvalidLockNameException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    public InvalidLockNameException(String message) {
        super(message);
    }
}
