package io.synod.core.statemachine.scheduler;

import io.synod.core.codec.CodecException;
import io.synod.core.consensus.NodeId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler under seeded random histories: submissions (some invalid), leader assigns and lease expiries,
 * worker reports (some stale, some retried), member crashes (leases lapse) and condemnations, cancellations, and
 * leader time that jumps forward or lags behind. After every entry:
 * <ul>
 *   <li>no acknowledged task is lost or invented, and the table's indexes agree with its tasks;</li>
 *   <li>at most one accepted completion per task (per occurrence for cron), only from the current attempt;</li>
 *   <li>an assign places only ready tasks (never before their not-before time), in effective-priority order, and
 *       leaves no ready task that some member could have taken;</li>
 *   <li>no member holds more than its capacity;</li>
 *   <li>a replica restarted from its snapshot mid-run produces the same results and bytes.</li>
 * </ul>
 * At the end every member comes back and the run must drain: every acknowledged task reaches a final state.
 * Replay one seed with {@code -Dsynod.model.seed=N}; widen with {@code -Dsynod.model.seeds=N}.
 */
class SchedulerModelTest {

    private static final int STEPS = 250;
    private static final SchedulerLimits LIMITS = SchedulerLimits.DEFAULT
            .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(2));
    private static final List<NodeId> MEMBERS = List.of(NodeId.of("m1"), NodeId.of("m2"), NodeId.of("m3"));
    private static final List<String> HANDLERS = List.of("h", "h2");

    @Test
    void scheduler_invariants_hold_over_seeded_random_histories() {
        String one = System.getProperty("synod.model.seed");
        if (one != null) {
            run(Long.parseLong(one));
            return;
        }
        int seeds = Integer.getInteger("synod.model.seeds", 2000);
        for (long seed = 0; seed < seeds; seed++) {
            run(seed);
        }
    }

    private static void run(long seed) {
        try {
            new Run(seed).execute();
        } catch (AssertionError | Exception e) {
            throw new AssertionError("scheduler model failed at seed " + seed + "; replay with -Dsynod.model.seed="
                    + seed + ": " + e.getMessage(), e);
        }
    }

    /** One attempt as the workers know it. */
    private record Attempt(long token, String taskId) implements Comparable<Attempt> {
        @Override
        public int compareTo(Attempt o) {
            int c = Long.compare(token, o.token);
            return c != 0 ? c : taskId.compareTo(o.taskId);
        }
    }

    /** One seeded history and the model of what must hold. */
    private static final class Run {
        final Random random;
        final ReplicatedScheduler group = new ReplicatedScheduler(LIMITS);
        final TreeMap<NodeId, Integer> capacity = new TreeMap<>();
        final TreeMap<NodeId, List<String>> handlers = new TreeMap<>();
        final TreeSet<NodeId> registered = new TreeSet<>();
        final TreeSet<NodeId> crashed = new TreeSet<>();
        final TreeMap<String, TaskSpec> acknowledged = new TreeMap<>();
        final TreeMap<String, Long> currentToken = new TreeMap<>();
        final TreeMap<String, NodeId> held = new TreeMap<>();
        /** What live workers believe they hold. */
        final TreeMap<Attempt, NodeId> inflight = new TreeMap<>();
        final TreeMap<String, Long> completions = new TreeMap<>();
        final TreeSet<Attempt> completedAttempts = new TreeSet<>();
        long leaderTime = 1_700_000_000_000L;
        int nextTaskId;

        Run(long seed) {
            random = new Random(seed);
        }

        void execute() throws CodecException {
            for (NodeId m : MEMBERS) {
                capacity.put(m, 1 + random.nextInt(3));
                handlers.put(m, random.nextInt(3) == 0 ? List.of("h", "h2") : List.of("h"));
                up(m);
            }
            for (int step = 0; step < STEPS; step++) {
                leaderTime += random.nextInt(1500);
                step(random.nextInt(100));
                checkTable();
                if (random.nextInt(50) == 0) {
                    group.restartFromSnapshot();
                }
            }
            drain();
            group.assertReplicasIdentical();
        }

        void step(int dice) {
            if (dice < 20) {
                submit();
            } else if (dice < 35) {
                assign();
            } else if (dice < 44) {
                observe(group.propose("leader", new SchedulerCommand.ExpireLeases(), leaderTime));
            } else if (dice < 45) {
                observe(group.propose("leader", new SchedulerCommand.Purge(random.nextInt(60_000), 5), leaderTime));
            } else if (dice < 75) {
                report();
            } else if (dice < 80) {
                staleReport();
            } else if (dice < 84) {
                NodeId m = pick(MEMBERS);
                crashed.add(m); // stops reporting; its leases will lapse
                dropInflight(m);
            } else if (dice < 88 && !crashed.isEmpty()) {
                NodeId m = pick(new ArrayList<>(crashed));
                observe(group.propose("leader", new SchedulerCommand.MemberDown(m, true), leaderTime));
                registered.remove(m);
            } else if (dice < 91) {
                NodeId m = pick(MEMBERS);
                crashed.remove(m);
                up(m);
            } else if (dice < 94 && !acknowledged.isEmpty()) {
                String id = pick(new ArrayList<>(acknowledged.keySet()));
                observe(group.propose("admin", new SchedulerCommand.Cancel(id), leaderTime));
            } else if (dice < 97) {
                String client = pick(List.of("leader", "submitter", "admin", "worker-m1", "worker-m2"));
                assertThat(group.retryLast(client)).isEmpty(); // answered from the duplicate filter, not applied
            } else {
                // The leader's clock jumps ahead, or a new leader's clock lags (the log clock must not go back).
                leaderTime += random.nextBoolean() ? 60_000 : -8_000;
            }
        }

        void up(NodeId m) {
            observe(group.propose("leader", new SchedulerCommand.MemberUp(m, capacity.get(m), handlers.get(m)),
                    leaderTime));
            registered.add(m);
        }

        void submit() {
            String id = random.nextInt(20) == 0 && !acknowledged.isEmpty() ? acknowledged.firstKey()
                    : "task-" + nextTaskId++;
            TaskSpec spec = TaskSpec.of(id, random.nextInt(4) == 0 ? "h2" : "h", new byte[random.nextInt(16)])
                    .withPriority(random.nextInt(10))
                    .withDelay(random.nextInt(4) == 0 ? random.nextInt(20_000) : 0)
                    .withRetry(new RetryPolicy(1 + random.nextInt(4), random.nextInt(500), 2_000 + random.nextInt(8000)))
                    .withTimeout(5_000 + random.nextInt(55_000));
            if (random.nextInt(15) == 0) {
                spec = spec.withCron("* * * * *");
            }
            if (random.nextInt(10) == 0) {
                spec = spec.withAffinity(pick(MEMBERS));
            }
            boolean invalid = random.nextInt(20) == 0;
            if (invalid) {
                spec = spec.withDelay(-1);
            }
            SchedulerResult r = group.propose("submitter", new SchedulerCommand.Submit(spec), leaderTime)
                    .orElseThrow();
            final TaskSpec submitted = spec;
            boolean handlerKnown = registered.stream().anyMatch(m -> handlers.get(m).contains(submitted.handler())
                    && submitted.affinity().map(m::equals).orElse(true));
            if (invalid || acknowledged.containsKey(id) || !handlerKnown) {
                assertThat(r).as("submit of %s", spec).isInstanceOf(SchedulerResult.Rejected.class);
            } else {
                assertThat(r).as("submit of %s", spec).isInstanceOf(SchedulerResult.Submitted.class);
                long readyAt = ((SchedulerResult.Submitted) r).readyAtMillis();
                assertThat(readyAt).isGreaterThanOrEqualTo(group.clockMillis() + spec.delayMillis());
                acknowledged.put(id, spec);
            }
        }

        void assign() {
            long at = Math.max(group.clockMillis(), leaderTime); // the time the entry will be applied at
            List<Task> readyBefore = group.view().readyQueue(at, LIMITS.maxListLimit());
            SchedulerResult r = group.propose("leader", new SchedulerCommand.Assign(LIMITS.maxListLimit()),
                    leaderTime).orElseThrow();
            List<Assignment> placed = ((SchedulerResult.Assigned) r).assignments();
            List<String> readyIds = readyBefore.stream().map(Task::id).toList();
            int cursor = -1;
            long previousPriority = Long.MAX_VALUE;
            for (Assignment a : placed) {
                int position = readyIds.indexOf(a.taskId());
                assertThat(position).as("%s assigned but not ready at %d", a.taskId(), at).isGreaterThan(cursor);
                cursor = position;
                Task before = readyBefore.get(position);
                assertThat(before.readyAtMillis()).isLessThanOrEqualTo(at);
                long expected = before.spec().priority() + (at - before.readyAtMillis()) / LIMITS.agingStep().toMillis();
                assertThat(a.effectivePriority()).isEqualTo(expected).isLessThanOrEqualTo(previousPriority);
                previousPriority = a.effectivePriority();
                assertThat(a.attemptToken()).isEqualTo(group.lastIndex());
                assertThat(registered).contains(a.member());
                assertThat(held).doesNotContainKey(a.taskId());
                held.put(a.taskId(), a.member());
                currentToken.put(a.taskId(), a.attemptToken());
                if (!crashed.contains(a.member())) {
                    inflight.put(new Attempt(a.attemptToken(), a.taskId()), a.member());
                }
            }
            // Work-conserving and priority-respecting: whatever is still ready could not be placed anywhere.
            Map<NodeId, Integer> load = group.view().runningPerMember();
            for (Task waiting : group.view().readyQueue(at, LIMITS.maxListLimit())) {
                for (Member m : group.view().members()) {
                    check(!Placement.eligible(waiting, m, load.getOrDefault(m.name(), 0)),
                            () -> waiting.id() + " left waiting although " + m.name() + " could take it");
                }
            }
        }

        void report() {
            if (inflight.isEmpty()) {
                return;
            }
            Attempt attempt = pick(new ArrayList<>(inflight.keySet()));
            String id = attempt.taskId();
            NodeId member = inflight.get(attempt);
            long token = attempt.token();
            String client = "worker-" + member.value();
            int op = random.nextInt(100);
            SchedulerCommand command;
            if (op < 20) {
                command = new SchedulerCommand.Started(id, token);
            } else if (op < 40) {
                command = new SchedulerCommand.Renew(id, token);
            } else if (op < 80) {
                command = new SchedulerCommand.Complete(id, token, new byte[] {(byte) token});
            } else {
                command = new SchedulerCommand.Fail(id, token, "boom", random.nextInt(5) != 0);
            }
            if (command instanceof SchedulerCommand.Complete || command instanceof SchedulerCommand.Fail) {
                inflight.remove(attempt);
            }
            boolean current = isCurrent(id, token);
            checkFencing(id, token, current, observe(group.propose(client, command, leaderTime)));
        }

        void staleReport() {
            if (currentToken.isEmpty()) {
                return;
            }
            String id = pick(new ArrayList<>(currentToken.keySet()));
            long token = 1 + random.nextInt((int) Math.max(1, group.lastIndex()));
            boolean current = isCurrent(id, token);
            SchedulerResult r = observe(group.propose("zombie", new SchedulerCommand.Complete(id, token, new byte[0]),
                    leaderTime));
            checkFencing(id, token, current, r);
        }

        boolean isCurrent(String id, long token) {
            return held.containsKey(id) && currentToken.get(id) == token;
        }

        /** A report is accepted exactly when it carries the current attempt of a held task (fencing). */
        void checkFencing(String id, long token, boolean current, SchedulerResult r) {
            if (current) {
                assertThat(r).as("report %s #%d", id, token).isNotInstanceOf(SchedulerResult.Rejected.class);
            } else {
                // A task purged after it finished is simply unknown now; any other stale report is fenced off.
                SchedulerViolation expected = acknowledged.containsKey(id) ? SchedulerViolation.STALE_ATTEMPT
                        : SchedulerViolation.NOT_FOUND;
                assertThat(r).as("report %s #%d (current %s)", id, token, currentToken.get(id))
                        .isInstanceOfSatisfying(SchedulerResult.Rejected.class,
                                rej -> assertThat(rej.violation()).isEqualTo(expected));
            }
        }

        /** Update the model from a result; also checks completions. */
        SchedulerResult observe(Optional<SchedulerResult> result) {
            SchedulerResult r = result.orElseThrow();
            if (r instanceof SchedulerResult.Completed c) {
                assertThat(held).as("completion of %s", c.taskId()).containsKey(c.taskId());
                assertThat(currentToken.get(c.taskId())).isEqualTo(c.attemptToken());
                assertThat(completedAttempts.add(new Attempt(c.attemptToken(), c.taskId())))
                        .as("second completion of attempt %d", c.attemptToken()).isTrue();
                long n = completions.merge(c.taskId(), 1L, Long::sum);
                if (acknowledged.get(c.taskId()).cron().isEmpty()) {
                    assertThat(n).as("completions of %s", c.taskId()).isEqualTo(1);
                }
                held.remove(c.taskId());
            } else if (r instanceof SchedulerResult.Failed f) {
                assertThat(currentToken.get(f.taskId())).isEqualTo(f.attemptToken());
                assertThat(held.remove(f.taskId())).isNotNull();
            } else if (r instanceof SchedulerResult.Released rel) {
                for (SchedulerResult.ReleasedTask t : rel.tasks()) {
                    assertThat(held.remove(t.taskId())).isEqualTo(t.member());
                }
            } else if (r instanceof SchedulerResult.Purged p) {
                for (String id : p.taskIds()) {
                    check(!held.containsKey(id), () -> "purged a held task " + id);
                    acknowledged.remove(id); // forgotten on purpose, after it finished: not lost
                    currentToken.remove(id);
                    completions.remove(id);
                }
            } else if (r instanceof SchedulerResult.Cancelled c) {
                held.remove(c.taskId());
            } else if (r instanceof SchedulerResult.Rejected rej) {
                assertThat(rej.violation()).isNotEqualTo(SchedulerViolation.MALFORMED_COMMAND);
            }
            return r;
        }

        /** No task lost or invented; indexes, holders and capacities agree with the model. */
        void checkTable() {
            SchedulerView view = group.view();
            check(view.size() == acknowledged.size(), () -> "size " + view.size() + " != " + acknowledged.size());
            List<Task> all = view.list(TaskQuery.all(LIMITS.maxListLimit()));
            check(all.stream().map(Task::id).toList().equals(List.copyOf(acknowledged.keySet())),
                    () -> "tasks lost or invented: " + all);
            TreeMap<String, NodeId> heldNow = new TreeMap<>();
            TreeMap<NodeId, Integer> perMember = new TreeMap<>();
            for (Task t : all) {
                check(t.spec().equals(acknowledged.get(t.id())), () -> "spec changed: " + t);
                check(t.completions() == completions.getOrDefault(t.id(), 0L), () -> "completions of " + t);
                if (t.state().isHeld()) {
                    heldNow.put(t.id(), t.assignee().orElseThrow());
                    perMember.merge(t.assignee().orElseThrow(), 1, Integer::sum);
                    check(Long.valueOf(t.attemptToken()).equals(currentToken.get(t.id())), () -> "token of " + t);
                    check(t.attempts() >= 1 && t.attempts() <= t.spec().retry().maxAttempts(), () -> "attempts " + t);
                }
            }
            check(heldNow.equals(held), () -> "held " + heldNow + " but model says " + held);
            for (Map.Entry<NodeId, Integer> e : view.runningPerMember().entrySet()) {
                check(e.getValue().equals(perMember.getOrDefault(e.getKey(), 0)), () -> "load index of " + e);
                check(!registered.contains(e.getKey()) || e.getValue() <= capacity.get(e.getKey()),
                        () -> "over capacity: " + e);
            }
        }

        /** Everyone comes back and works honestly; every acknowledged task must reach a final state. */
        void drain() {
            crashed.clear();
            MEMBERS.forEach(this::up);
            acknowledged.forEach((id, spec) -> {
                if (spec.cron().isPresent()) {
                    observe(group.propose("admin", new SchedulerCommand.Cancel(id), leaderTime));
                }
            });
            for (int round = 0; round < 100 && !allFinal(); round++) {
                leaderTime = Math.max(leaderTime, group.clockMillis()) + 70_000;
                observe(group.propose("leader", new SchedulerCommand.ExpireLeases(), leaderTime));
                inflight.clear();
                assign();
                for (Map.Entry<Attempt, NodeId> e : new ArrayList<>(inflight.entrySet())) {
                    observe(group.propose("worker-" + e.getValue().value(),
                            new SchedulerCommand.Complete(e.getKey().taskId(), e.getKey().token(), new byte[0]),
                            leaderTime));
                }
                checkTable();
            }
            for (Task t : group.view().list(TaskQuery.all(LIMITS.maxListLimit()))) {
                assertThat(t.state().isTerminal()).as("%s did not finish (%s)", t, t.spec()).isTrue();
            }
        }

        boolean allFinal() {
            return group.view().list(TaskQuery.all(LIMITS.maxListLimit())).stream()
                    .allMatch(t -> t.state().isTerminal());
        }

        void dropInflight(NodeId m) {
            inflight.values().removeIf(m::equals);
        }

        static void check(boolean condition, java.util.function.Supplier<String> message) {
            if (!condition) {
                throw new AssertionError(message.get());
            }
        }

        <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }
    }
}
