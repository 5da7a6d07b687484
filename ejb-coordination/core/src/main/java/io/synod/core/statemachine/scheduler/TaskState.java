package io.synod.core.statemachine.scheduler;

/**
 * The life of a task. PENDING → ASSIGNED → RUNNING → SUCCEEDED; a retryable failure or a lapsed attempt goes
 * back to PENDING (after backoff) until the attempts run out (DEAD_LETTERED); a non-retryable failure is FAILED;
 * CANCELLED from any non-final state. A cron task returns to PENDING for its next occurrence after each success.
 * Ordinals are not part of any format (codecs write explicit codes).
 */
public enum TaskState {
    PENDING(1, false),
    ASSIGNED(2, false),
    RUNNING(3, false),
    SUCCEEDED(4, true),
    FAILED(5, true),
    DEAD_LETTERED(6, true),
    CANCELLED(7, true);

    private final int code;
    private final boolean terminal;

    TaskState(int code, boolean terminal) {
        this.code = code;
        this.terminal = terminal;
    }

    public int code() {
        return code;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** Held by a member: counts against its capacity and has an attempt lease. */
    public boolean isHeld() {
        return this == ASSIGNED || this == RUNNING;
    }

    public static java.util.Optional<TaskState> fromCode(int code) {
        for (TaskState s : values()) {
            if (s.code == code) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }
}
