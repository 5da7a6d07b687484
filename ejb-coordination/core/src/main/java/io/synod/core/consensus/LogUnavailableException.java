package io.synod.core.consensus;

/** The requested index lies beyond the last entry of the log. */
public final class LogUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LogUnavailableException(long index, long lastIndex) {
        super("index " + index + " is unavailable; last index is " + lastIndex);
    }
}
