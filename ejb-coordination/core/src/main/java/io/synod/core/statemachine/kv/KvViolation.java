package io.synod.core.statemachine.kv;

/** Why a key-value command was refused. Part of the result wire format: append only. */
public enum KvViolation {
    INVALID_KEY,
    VALUE_TOO_LARGE,
    INVALID_TTL,
    INVALID_SCAN,
    INVALID_REVISION,
    /** The command bytes in the log did not decode (only ever seen on apply). */
    MALFORMED_COMMAND
}
