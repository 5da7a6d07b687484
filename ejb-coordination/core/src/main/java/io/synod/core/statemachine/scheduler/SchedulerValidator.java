package io.synod.core.statemachine.scheduler;

import io.synod.core.codec.Utf8;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks scheduler requests against {@link SchedulerLimits}. The shell calls it before proposing, so a bad request
 * gets a typed exception and never reaches the log; the store calls it again on apply, because the log may hold
 * commands from a member with other settings or a newer build. Rules that depend on the replicated state (is the
 * handler known, does the id exist) are the store's alone.
 */
public final class SchedulerValidator {

    /** Safe in URLs, metric tags and file names; ':' and '/' let applications namespace ids ("orders/42"). */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9._:/-]+");
    /** Lower-case words joined by '-' or '.', like CDI qualifiers are written: "send-invoice", "billing.close". */
    private static final Pattern HANDLER = Pattern.compile("[a-z][a-z0-9]*(?:[-.][a-z0-9]+)*");

    private final SchedulerLimits limits;

    public SchedulerValidator(SchedulerLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public SchedulerLimits limits() {
        return limits;
    }

    /** @throws SchedulerValidationException (a subtype naming the violation) if {@code command} breaks a limit */
    public void validate(SchedulerCommand command) {
        Objects.requireNonNull(command, "command");
        if (command instanceof SchedulerCommand.Submit c) {
            checkSpec(c.spec());
        } else if (command instanceof SchedulerCommand.Cancel c) {
            checkTaskId(c.taskId());
        } else if (command instanceof SchedulerCommand.Assign c) {
            checkLimit(c.maxAssignments());
        } else if (command instanceof SchedulerCommand.Started c) {
            checkAttempt(c.taskId(), c.attemptToken());
        } else if (command instanceof SchedulerCommand.Renew c) {
            checkAttempt(c.taskId(), c.attemptToken());
        } else if (command instanceof SchedulerCommand.Complete c) {
            checkAttempt(c.taskId(), c.attemptToken());
            if (c.result().length > limits.maxResultBytes()) {
                throw new ResultTooLargeException("result is " + c.result().length + " bytes, the limit is "
                        + limits.maxResultBytes());
            }
        } else if (command instanceof SchedulerCommand.Fail c) {
            checkAttempt(c.taskId(), c.attemptToken());
            int bytes = Utf8.encodedLength(c.error());
            if (bytes == Utf8.MALFORMED || bytes > limits.maxErrorBytes()) {
                throw new ResultTooLargeException("error message must be well-formed and at most "
                        + limits.maxErrorBytes() + " UTF-8 bytes");
            }
        } else if (command instanceof SchedulerCommand.Purge c) {
            checkLimit(c.maxTasks());
            if (c.retainMillis() < 0) {
                throw new InvalidDelayException("purge retention must be >= 0 ms, got " + c.retainMillis());
            }
        } else if (command instanceof SchedulerCommand.MemberUp c) {
            checkMember(c.capacity(), c.handlers());
        }
        // ExpireLeases and MemberDown carry nothing beyond what their types already guarantee.
    }

    /** Everything about a spec that does not depend on the replicated state. */
    public void checkSpec(TaskSpec spec) {
        Objects.requireNonNull(spec, "spec");
        checkTaskId(spec.id());
        checkHandler(spec.handler());
        if (spec.payload().length > limits.maxPayloadBytes()) {
            throw new PayloadTooLargeException("payload is " + spec.payload().length + " bytes, the limit is "
                    + limits.maxPayloadBytes());
        }
        if (spec.priority() < limits.minPriority() || spec.priority() > limits.maxPriority()) {
            throw new InvalidPriorityException("priority must be in " + limits.minPriority() + ".."
                    + limits.maxPriority() + ", got " + spec.priority());
        }
        if (spec.delayMillis() < 0 || spec.delayMillis() > limits.maxDelay().toMillis()) {
            throw new InvalidDelayException("delay must be in 0.." + limits.maxDelay().toMillis() + " ms, got "
                    + spec.delayMillis());
        }
        RetryPolicy retry = spec.retry();
        long maxBackoff = limits.maxBackoff().toMillis();
        if (retry.maxAttempts() < 1 || retry.maxAttempts() > limits.maxAttempts()) {
            throw new InvalidRetryException("max attempts must be in 1.." + limits.maxAttempts() + ", got "
                    + retry.maxAttempts());
        }
        if (retry.backoffBaseMillis() < 0 || retry.backoffMaxMillis() < retry.backoffBaseMillis()
                || retry.backoffMaxMillis() > maxBackoff) {
            throw new InvalidRetryException("backoff must satisfy 0 <= base <= max <= " + maxBackoff + " ms, got "
                    + retry.backoffBaseMillis() + ".." + retry.backoffMaxMillis());
        }
        if (spec.attemptTimeoutMillis() < 1 || spec.attemptTimeoutMillis() > limits.maxAttemptTimeout().toMillis()) {
            throw new InvalidTimeoutException("attempt timeout must be in 1.." + limits.maxAttemptTimeout().toMillis()
                    + " ms, got " + spec.attemptTimeoutMillis());
        }
        if (spec.cron().isPresent()) {
            CronSchedule.parse(spec.cron().get());
        }
    }

    public void checkTaskId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > limits.maxTaskIdBytes() || !TASK_ID.matcher(id).matches()) {
            throw new InvalidTaskIdException("task id must be 1.." + limits.maxTaskIdBytes()
                    + " characters from [A-Za-z0-9._:/-], got '" + abbreviate(id) + "'");
        }
    }

    public void checkHandler(String handler) {
        Objects.requireNonNull(handler, "handler");
        if (handler.isEmpty() || handler.length() > limits.maxHandlerBytes() || !HANDLER.matcher(handler).matches()) {
            throw new InvalidHandlerException("handler name must be lower-case words joined by '-' or '.', at most "
                    + limits.maxHandlerBytes() + " characters, got '" + abbreviate(handler) + "'");
        }
    }

    public void checkLimit(int limit) {
        if (limit < 1 || limit > limits.maxListLimit()) {
            throw new InvalidLimitException("limit must be in 1.." + limits.maxListLimit() + ", got " + limit);
        }
    }

    private void checkAttempt(String taskId, long attemptToken) {
        checkTaskId(taskId);
        if (attemptToken < 1) {
            throw new InvalidLimitException("attempt token must be >= 1 (a log index), got " + attemptToken);
        }
    }

    private void checkMember(int capacity, List<String> handlers) {
        if (capacity < 1 || capacity > limits.maxCapacity()) {
            throw new InvalidMemberException("capacity must be in 1.." + limits.maxCapacity() + ", got " + capacity);
        }
        if (handlers.size() > SchedulerLimits.HARD_MAX_HANDLERS) {
            throw new InvalidMemberException("at most " + SchedulerLimits.HARD_MAX_HANDLERS + " handlers per member");
        }
        for (String handler : handlers) {
            try {
                checkHandler(handler);
            } catch (InvalidHandlerException e) {
                throw new InvalidMemberException(e.getMessage());
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
