package io.synod.core.statemachine.scheduler;

import io.synod.core.consensus.NodeId;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A scheduler store driven like the log drives it: every command gets the next index and the current leader
 * time, which the test moves by hand.
 */
final class Sched {

    static final NodeId M1 = NodeId.of("m1");
    static final NodeId M2 = NodeId.of("m2");
    static final NodeId M3 = NodeId.of("m3");
    static final String HANDLER = "send-invoice";

    final SchedulerStore store;
    long index;
    long now = 1_000_000;

    Sched() {
        this(SchedulerLimits.DEFAULT);
    }

    Sched(SchedulerLimits limits) {
        this.store = new SchedulerStore(limits);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static TaskSpec spec(String id) {
        return TaskSpec.of(id, HANDLER, b("payload-" + id));
    }

    SchedulerResult apply(SchedulerCommand command) {
        return store.apply(command, ++index, now);
    }

    Sched at(long time) {
        now = time;
        return this;
    }

    Sched advance(long millis) {
        now += millis;
        return this;
    }

    Sched up(NodeId member, int capacity) {
        apply(new SchedulerCommand.MemberUp(member, capacity, List.of(HANDLER)));
        return this;
    }

    SchedulerResult submit(TaskSpec spec) {
        return apply(new SchedulerCommand.Submit(spec));
    }

    List<Assignment> assign() {
        return ((SchedulerResult.Assigned) apply(new SchedulerCommand.Assign(1000))).assignments();
    }

    Task task(String id) {
        return store.view().status(id).orElseThrow();
    }

    TaskState state(String id) {
        return task(id).state();
    }
}
