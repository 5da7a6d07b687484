package io.synod.core.statemachine.scheduler;

import io.synod.core.codec.CodecException;
import io.synod.core.statemachine.AppliedCommand;
import io.synod.core.statemachine.CommandEnvelope;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.StateMachine;

import java.util.Optional;

/**
 * The scheduler with a known-wrong behaviour switched on, for the simulation's teeth: a completion is accepted
 * whatever attempt token it carries, as long as the task is held — the worker whose lease lapsed (paused, cut off)
 * and whose task went to another worker gets its stale completion counted. The real {@link SchedulerStateMachine}
 * does the work; this wrapper only rewrites a held task's {@code Complete} to carry the current token.
 */
public final class SchedulerStateMachineWithInjectedBug implements StateMachine {

    private final SchedulerStateMachine real;

    public SchedulerStateMachineWithInjectedBug(SchedulerLimits limits) {
        this.real = new SchedulerStateMachine(limits);
    }

    @Override
    public ServiceId service() {
        return ServiceId.SCHEDULER;
    }

    @Override
    public byte[] apply(AppliedCommand command) {
        try {
            if (SchedulerCommandCodec.decode(command.payload()) instanceof SchedulerCommand.Complete c) {
                Optional<Task> task = real.view().status(c.taskId());
                if (task.isPresent() && task.get().state().isHeld() && task.get().attemptToken() != c.attemptToken()) {
                    byte[] forged = SchedulerCommandCodec.encode(
                            new SchedulerCommand.Complete(c.taskId(), task.get().attemptToken(), c.result()));
                    CommandEnvelope e = command.envelope();
                    return real.apply(new AppliedCommand(command.index(), command.timeMillis(),
                            new CommandEnvelope(e.clientId(), e.sequence(), e.leaderTimeMillis(), e.service(), forged)));
                }
            }
        } catch (CodecException e) {
            // malformed: the real machine answers it
        }
        return real.apply(command);
    }

    public SchedulerView view() {
        return real.view();
    }

    @Override
    public long lastApplied() {
        return real.lastApplied();
    }

    @Override
    public byte[] snapshot() {
        return real.snapshot();
    }

    @Override
    public void restore(byte[] snapshot) throws CodecException {
        real.restore(snapshot);
    }
}
