package io.synod.core.sim;

import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.ApplyOutcome;
import io.synod.core.statemachine.CommandEnvelope;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.scheduler.Assignment;
import io.synod.core.statemachine.scheduler.SchedulerCommand;
import io.synod.core.statemachine.scheduler.SchedulerCommandCodec;
import io.synod.core.statemachine.scheduler.SchedulerResult;
import io.synod.core.statemachine.scheduler.SchedulerResultCodec;
import io.synod.core.statemachine.scheduler.SchedulerView;
import io.synod.core.statemachine.scheduler.Task;
import io.synod.core.statemachine.scheduler.TaskQuery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler specification, checked in log order (the linearization order) against the real scheduler state
 * machine, with the oracle's own record of each task:
 * <ul>
 *   <li>no acknowledged task lost: a task whose submit was accepted stays in the table (nothing here cancels or
 *       purges), checked after every scheduler entry and on the converged replicas at the end;</li>
 *   <li>at most one accepted completion per task, and only from the attempt currently holding it: a completion
 *       carrying an older attempt token (a worker whose lease lapsed and whose task was put back and re-assigned)
 *       must be refused;</li>
 *   <li>attempt tokens are the assigning entry's index, so they grow per task;</li>
 *   <li>nothing is assigned before its not-before time (submit entry's leader time + delay) in leader time;</li>
 *   <li>priorities among ready tasks: after an assign entry no task left ready ranks above one it placed (every
 *       worker runs every handler, so only capacity can leave a task unplaced, and then nothing ranks after it).</li>
 * </ul>
 */
final class SchedulerOracle {

    private static final class Shadow {
        long notBefore;
        long token;
        boolean held;
        int completions;
    }

    private final Map<String, Shadow> tasks = new HashMap<>();
    private final CoordinationStats stats;

    SchedulerOracle(CoordinationStats stats) {
        this.stats = stats;
    }

    void onApplied(long index, CommandEnvelope env, ApplyOutcome outcome, long time, SchedulerView view) {
        if (env.service() != ServiceId.SCHEDULER || !(outcome instanceof ApplyOutcome.Applied a)) {
            return;
        }
        SchedulerCommand cmd;
        SchedulerResult result;
        try {
            cmd = SchedulerCommandCodec.decode(env.payload());
            result = SchedulerResultCodec.decode(a.result());
        } catch (CodecException e) {
            throw new InvariantViolation("scheduler entry " + index + ": undecodable: " + e.getMessage());
        }
        if (cmd instanceof SchedulerCommand.Submit s && result instanceof SchedulerResult.Submitted) {
            Shadow t = new Shadow();
            t.notBefore = time + s.spec().delayMillis();
            tasks.put(s.spec().id(), t);
            stats.tasksSubmitted++;
        } else if (result instanceof SchedulerResult.Assigned assigned) {
            assigned(index, time, assigned.assignments(), view);
        } else if (cmd instanceof SchedulerCommand.Complete c) {
            Shadow t = tasks.get(c.taskId());
            if (result instanceof SchedulerResult.Completed) {
                expect(t != null && t.held && t.token == c.attemptToken(), index, "completion of " + c.taskId()
                        + " with attempt token " + c.attemptToken() + " accepted, but the current attempt is "
                        + (t == null ? "none" : (t.held ? "#" + t.token : "not held (#" + t.token + ")")));
                expect(++t.completions <= 1, index, "second accepted completion of " + c.taskId());
                t.held = false;
                stats.completionsAccepted++;
            } else {
                stats.completionsRefused++;
            }
        } else if (cmd instanceof SchedulerCommand.Fail f && result instanceof SchedulerResult.Failed) {
            Shadow t = tasks.get(f.taskId());
            expect(t != null && t.held && t.token == f.attemptToken(), index, "failure report of " + f.taskId()
                    + " from a stale attempt accepted");
            t.held = false;
        } else if (result instanceof SchedulerResult.Released released) {
            for (SchedulerResult.ReleasedTask r : released.tasks()) {
                Shadow t = tasks.get(r.taskId());
                expect(t != null && t.held && t.token == r.attemptToken(), index, "released " + r.taskId()
                        + " #" + r.attemptToken() + " which is not its held attempt");
                t.held = false;
                stats.leasesLapsed++;
            }
        }
        for (Map.Entry<String, Shadow> e : tasks.entrySet()) {
            if (view.status(e.getKey()).isEmpty()) {
                throw new InvariantViolation("scheduler entry " + index + ": acknowledged task " + e.getKey()
                        + " is gone from the table");
            }
        }
    }

    private void assigned(long index, long time, List<Assignment> assignments, SchedulerView view) {
        long lowest = Long.MAX_VALUE;
        for (Assignment as : assignments) {
            Shadow t = tasks.get(as.taskId());
            expect(t != null && !t.held, index, "assigned " + as.taskId() + " which is unknown or already held");
            expect(as.attemptToken() == index && as.attemptToken() > t.token, index, "attempt token "
                    + as.attemptToken() + " of " + as.taskId() + " is not the assigning index above " + t.token);
            expect(time >= t.notBefore, index, "assigned " + as.taskId() + " at leader time " + time
                    + ", before its not-before time " + t.notBefore);
            t.held = true;
            t.token = as.attemptToken();
            lowest = Math.min(lowest, as.effectivePriority());
            stats.assignments++;
        }
        if (assignments.isEmpty()) {
            return;
        }
        long aging = CoordinationReplica.SCHEDULER_LIMITS.agingStep().toMillis();
        for (Task left : view.readyQueue(time, 1_000)) {
            expect(left.effectivePriority(time, aging) <= lowest, index, "priority: " + left.id() + " (effective "
                    + left.effectivePriority(time, aging) + ") left ready while a task of effective priority "
                    + lowest + " was placed");
        }
    }

    /** At the end, on a converged replica: every acknowledged task is still there. */
    void checkNoneLost(SchedulerView view) {
        for (String id : tasks.keySet()) {
            if (view.status(id).isEmpty()) {
                throw new InvariantViolation("acknowledged task " + id + " is lost");
            }
        }
        stats.tasksSucceeded += view.list(TaskQuery.inState(io.synod.core.statemachine.scheduler.TaskState.SUCCEEDED,
                10_000)).size();
    }

    private static void expect(boolean ok, long index, String what) {
        if (!ok) {
            throw new InvariantViolation("scheduler at entry " + index + ": " + what);
        }
    }
}
