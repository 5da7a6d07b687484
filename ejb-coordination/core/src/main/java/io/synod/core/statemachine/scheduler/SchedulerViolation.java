package io.synod.core.statemachine.scheduler;

/** Why a scheduler command was refused. Part of the result wire format: append only. */
public enum SchedulerViolation {
    INVALID_TASK_ID,
    INVALID_HANDLER,
    /** Well-formed, but no registered member runs this handler. */
    UNKNOWN_HANDLER,
    INVALID_DELAY,
    INVALID_CRON,
    PAYLOAD_TOO_LARGE,
    INVALID_PRIORITY,
    INVALID_RETRY,
    INVALID_TIMEOUT,
    INVALID_MEMBER,
    RESULT_TOO_LARGE,
    INVALID_LIMIT,
    TASK_EXISTS,
    TOO_MANY_TASKS,
    NOT_FOUND,
    /** The attempt token is not the task's current attempt: a late or duplicate report (fencing). */
    STALE_ATTEMPT,
    /** The task already reached a final state. */
    NOT_CANCELLABLE,
    /** The command bytes in the log did not decode (only ever seen on apply). */
    MALFORMED_COMMAND
}
