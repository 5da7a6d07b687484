package io.synod.core.statemachine.scheduler;

import io.synod.core.consensus.NodeId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The assignment decision, a pure function of the ready tasks, the live members and their loads at one leader
 * time: ready tasks in effective-priority order (priority + aging, then longest-ready, then id), each to the
 * least-loaded eligible member — one that runs its handler, matches its affinity and is below its capacity.
 *
 * <p>A task that no member can take now is skipped rather than blocking the queue, so a lower-priority task may be
 * placed after it; but since capacity only shrinks during a round, every task still ready afterwards has no
 * eligible member with room — the "priority among ready tasks" property the model test checks.
 */
final class Placement {

    /** One decision; the store turns it into an ASSIGNED task. */
    record Decision(Task task, NodeId member, long effectivePriority) {
    }

    private Placement() {
    }

    static Comparator<Task> readyOrder(long nowMillis, long agingStepMillis) {
        return Comparator.<Task>comparingLong(t -> -t.effectivePriority(nowMillis, agingStepMillis))
                .thenComparingLong(Task::readyAtMillis)
                .thenComparing(Task::id);
    }

    static List<Decision> decide(List<Task> ready, SortedMap<NodeId, Member> members, SortedMap<NodeId, Integer> loads,
                                 long nowMillis, long agingStepMillis, int maxAssignments) {
        List<Task> ordered = new ArrayList<>(ready);
        ordered.sort(readyOrder(nowMillis, agingStepMillis));
        TreeMap<NodeId, Integer> load = new TreeMap<>(loads);
        List<Decision> decisions = new ArrayList<>();
        for (Task task : ordered) {
            if (decisions.size() >= maxAssignments || !hasRoom(members, load)) {
                break;
            }
            Optional<Member> target = leastLoaded(task, members, load);
            if (target.isPresent()) {
                NodeId name = target.get().name();
                load.merge(name, 1, Integer::sum);
                decisions.add(new Decision(task, name, task.effectivePriority(nowMillis, agingStepMillis)));
            }
        }
        return decisions;
    }

    /** Could {@code member} take {@code task} at {@code load}? */
    static boolean eligible(Task task, Member member, int load) {
        return load < member.capacity() && member.runs(task.spec().handler())
                && task.spec().affinity().map(member.name()::equals).orElse(true);
    }

    private static Optional<Member> leastLoaded(Task task, SortedMap<NodeId, Member> members,
                                                SortedMap<NodeId, Integer> load) {
        Member best = null;
        int bestLoad = 0;
        for (Member m : members.values()) {
            int l = load.getOrDefault(m.name(), 0);
            if (eligible(task, m, l) && (best == null || lessLoaded(l, m, bestLoad, best))) {
                best = m;
                bestLoad = l;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Load is relative to capacity (l/c compared by cross-multiplying, exact in longs), so a member twice as big
     * takes twice the tasks; ties go to the lower absolute load, then to the lower name (members iterate in order,
     * so "not strictly less" keeps the first).
     */
    private static boolean lessLoaded(int load, Member m, int bestLoad, Member best) {
        long left = (long) load * best.capacity();
        long right = (long) bestLoad * m.capacity();
        return left < right || (left == right && load < bestLoad);
    }

    private static boolean hasRoom(SortedMap<NodeId, Member> members, SortedMap<NodeId, Integer> load) {
        for (Member m : members.values()) {
            if (load.getOrDefault(m.name(), 0) < m.capacity()) {
                return true;
            }
        }
        return false;
    }
}
