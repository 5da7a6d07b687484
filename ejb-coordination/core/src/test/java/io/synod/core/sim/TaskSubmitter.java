package io.synod.core.sim;

import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.scheduler.RetryPolicy;
import io.synod.core.statemachine.scheduler.SchedulerCommand;
import io.synod.core.statemachine.scheduler.SchedulerCommandCodec;
import io.synod.core.statemachine.scheduler.TaskSpec;

import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Submits one-shot tasks to the real scheduler: random priorities, half of them with a not-before delay, a short
 * retry backoff and attempt timeout. What was acknowledged is checked by the {@link SchedulerOracle}, in log order.
 */
final class TaskSubmitter extends CoordinationClient {

    static final String HANDLER = "job";
    private static final int MAX_TASKS = 12;
    private static final RetryPolicy RETRY = new RetryPolicy(4, 100, 400);

    private int submitted;

    TaskSubmitter(int id, Random random, List<SimNode> nodes, CoordinationHub hub, SimTrace trace) {
        super("s" + id, random, nodes, hub, trace);
    }

    @Override
    protected void next(long now) {
        if (submitted >= MAX_TASKS) {
            return;
        }
        long delay = random.nextBoolean() ? 0 : random.nextInt(150) * (long) SimulatedClock.UNITS_PER_TICK;
        TaskSpec spec = new TaskSpec("t" + name + "-" + ++submitted, HANDLER, new byte[0], random.nextInt(6), delay,
                Optional.empty(), RETRY, 200L * SimulatedClock.UNITS_PER_TICK, Optional.empty());
        send(ServiceId.SCHEDULER, SchedulerCommandCodec.encode(new SchedulerCommand.Submit(spec)),
                "submit " + spec.id() + " p" + spec.priority() + " +" + delay, now);
        nextOpAt = now + random.nextInt(15 * SimulatedClock.UNITS_PER_TICK);
    }

    @Override
    protected void onAnswer(Pending p, byte[] result, long now) {
        // Acknowledged or refused: the oracle holds the service to what the log says either way.
    }

    @Override
    protected void onNoAnswer(Pending p, long now) {
    }
}
