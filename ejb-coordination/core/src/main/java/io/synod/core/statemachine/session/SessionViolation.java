package io.synod.core.statemachine.session;

/** Why a session command was refused. Part of the result wire format: append only. */
public enum SessionViolation {
    INVALID_SESSION_ID,
    INVALID_OWNER,
    INVALID_TTL,
    INVALID_EXPIRY_BATCH,
    /** Open of an id that is still in the table (live, or lapsed but not yet expired). */
    SESSION_EXISTS,
    /** The table holds {@link SessionLimits#maxSessions()} sessions. */
    TOO_MANY_SESSIONS,
    /** The command bytes in the log did not decode (only ever seen on apply). */
    MALFORMED_COMMAND;

    static SessionViolation of(CoordinationValidationException e) {
        if (e instanceof InvalidOwnerException) {
            return INVALID_OWNER;
        }
        if (e instanceof InvalidSessionTtlException) {
            return INVALID_TTL;
        }
        if (e instanceof InvalidExpiryBatchException) {
            return INVALID_EXPIRY_BATCH;
        }
        return INVALID_SESSION_ID;
    }
}
