package io.synod.core.codec;

/**
 * Bytes that do not decode to a valid value: wrong version, truncated, oversized, or out-of-range fields.
 * Checked on purpose: every decoder of untrusted bytes (network frames, log entries, snapshots) must decide
 * what a malformed input means for it, instead of letting an unchecked exception escape into the event loop.
 */
public final class CodecException extends Exception {

    public CodecException(String message) {
        super(message);
    }
}
