package io.synod.core.sim;

import io.synod.core.codec.CodecException;
import io.synod.core.consensus.NodeId;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.scheduler.SchedulerCommand;
import io.synod.core.statemachine.scheduler.SchedulerCommandCodec;
import io.synod.core.statemachine.scheduler.SchedulerResult;
import io.synod.core.statemachine.scheduler.SchedulerResultCodec;
import io.synod.core.statemachine.scheduler.Task;
import io.synod.core.statemachine.scheduler.TaskQuery;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;

/**
 * A scheduler worker: registers as a member, learns its assignments from the replica it is connected to (a local
 * read, possibly stale — the attempt token fences it), reports each attempt started, renews its lease while
 * "running", then completes (or now and then fails) it with the attempt token. Sometimes it stops dead for longer
 * than a lease (a GC pause) and afterwards reports its old attempts as if nothing happened: the scheduler must have
 * put them back and must refuse those reports.
 */
final class TaskWorker extends CoordinationClient {

    private static final long RENEW_EVERY = 10L * SimulatedClock.UNITS_PER_TICK;

    private static final class Attempt {
        final String task;
        final long token;
        boolean started;
        long finishAt;
        long renewedAt;
        boolean afterPause;

        Attempt(String task, long token) {
            this.task = task;
            this.token = token;
        }
    }

    private record Intent(String what, Attempt attempt) {
        @Override
        public String toString() {
            return what + (attempt == null ? "" : " " + attempt.task + "#" + attempt.token);
        }
    }

    private final NodeId member;
    private boolean registered;
    private final TreeMap<Long, Attempt> attempts = new TreeMap<>();
    /** Attempts already over for this worker: a stale replica may still show them held. */
    private final java.util.Set<Long> over = new java.util.HashSet<>();
    private long pausedUntil;

    TaskWorker(int id, Random random, List<SimNode> nodes, CoordinationHub hub, SimTrace trace) {
        super("w" + id, random, nodes, hub, trace);
        this.member = NodeId.of("w" + id);
    }

    @Override
    protected void next(long now) {
        if (now < pausedUntil) {
            return;
        }
        if (!registered) {
            send(ServiceId.SCHEDULER, SchedulerCommandCodec.encode(new SchedulerCommand.MemberUp(member, 2,
                    List.of(TaskSubmitter.HANDLER))), new Intent("memberUp", null), now);
            return;
        }
        learnAssignments(now);
        if (random.nextInt(100) < 2) {
            pausedUntil = now + (40 + random.nextInt(60)) * (long) SimulatedClock.UNITS_PER_TICK;
            nextOpAt = pausedUntil;
            attempts.values().forEach(a -> a.afterPause = true);
            hub.stats.workerPauses++;
            return;
        }
        for (Attempt a : attempts.values()) {
            if (!a.started) {
                report(new SchedulerCommand.Started(a.task, a.token), "started", a, now);
                return;
            }
            if (now >= a.finishAt) {
                SchedulerCommand c = random.nextInt(10) == 0
                        ? new SchedulerCommand.Fail(a.task, a.token, "transient", true)
                        : new SchedulerCommand.Complete(a.task, a.token, new byte[] {1});
                report(c, c instanceof SchedulerCommand.Fail ? "fail" : "complete", a, now);
                return;
            }
            if (now - a.renewedAt >= RENEW_EVERY) {
                report(new SchedulerCommand.Renew(a.task, a.token), "renew", a, now);
                return;
            }
        }
        nextOpAt = now + 2L * SimulatedClock.UNITS_PER_TICK;
    }

    /** Read this worker's held attempts from the connected replica; unknown ones start running. */
    private void learnAssignments(long now) {
        Optional<SimNode> node = connected();
        if (node.isEmpty()) {
            return;
        }
        for (Task t : node.get().schedulerView().list(new TaskQuery(Optional.empty(), Optional.of(member),
                OptionalInt.empty(), Optional.empty(), 100))) {
            if (t.state().isHeld() && t.assignee().equals(Optional.of(member)) 
                    && !attempts.containsKey(t.attemptToken()) && !over.contains(t.attemptToken())) {
                Attempt a = new Attempt(t.id(), t.attemptToken());
                a.finishAt = now + (2 + random.nextInt(20)) * (long) SimulatedClock.UNITS_PER_TICK;
                a.renewedAt = now;
                attempts.put(a.token, a);
            }
        }
    }

    private void report(SchedulerCommand c, String what, Attempt a, long now) {
        send(ServiceId.SCHEDULER, SchedulerCommandCodec.encode(c), new Intent(what, a), now);
    }

    @Override
    protected void onAnswer(Pending p, byte[] result, long now) {
        Intent intent = (Intent) p.intent;
        SchedulerResult r;
        try {
            r = SchedulerResultCodec.decode(result);
        } catch (CodecException e) {
            throw new InvariantViolation(name + ": undecodable answer: " + e.getMessage());
        }
        if (intent.attempt() == null) {
            registered = r instanceof SchedulerResult.MemberRegistered;
            return;
        }
        Attempt a = intent.attempt();
        if (r instanceof SchedulerResult.LeaseRenewed) {
            a.started = true;
            a.renewedAt = p.invoked;
        } else if (r instanceof SchedulerResult.Rejected) {
            attempts.remove(a.token); // stale or gone: this attempt is over for us
            over.add(a.token);
            if (intent.what().equals("complete") && a.afterPause) {
                hub.stats.staleCompletionsRefused++;
            }
        } else {
            attempts.remove(a.token); // completed or failed
            over.add(a.token);
        }
    }

    @Override
    protected void onNoAnswer(Pending p, long now) {
        Intent intent = (Intent) p.intent;
        if (intent.attempt() == null) {
            registered = false;
        }
    }
}
