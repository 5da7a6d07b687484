package io.synod.core.statemachine.scheduler;

import io.synod.core.consensus.NodeId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@link SchedulerView} over the store's table and members; reads only. */
final class SchedulerQueries implements SchedulerView {

    private final TaskTable tasks;
    private final SortedMap<NodeId, Member> members;
    private final SchedulerValidator validator;

    SchedulerQueries(TaskTable tasks, SortedMap<NodeId, Member> members, SchedulerValidator validator) {
        this.tasks = tasks;
        this.members = members;
        this.validator = validator;
    }

    @Override
    public Optional<Task> status(String taskId) {
        return tasks.get(taskId);
    }

    @Override
    public Optional<byte[]> result(String taskId) {
        return tasks.get(taskId).filter(t -> t.completions() > 0).map(t -> t.result().clone());
    }

    @Override
    public List<Task> list(TaskQuery query) {
        validator.checkLimit(query.limit());
        List<Task> out = new ArrayList<>();
        for (Task t : tasks.all()) {
            if (query.startAfter().isPresent() && t.id().compareTo(query.startAfter().get()) <= 0) {
                continue;
            }
            if (query.matches(t)) {
                out.add(t);
                if (out.size() == query.limit()) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public List<Task> readyQueue(long nowMillis, int limit) {
        validator.checkLimit(limit);
        List<Task> ready = new ArrayList<>(tasks.ready(nowMillis));
        ready.sort(Placement.readyOrder(nowMillis, validator.limits().agingStep().toMillis()));
        return ready.subList(0, Math.min(limit, ready.size()));
    }

    @Override
    public List<Task> deadLetters(Optional<String> startAfter, int limit) {
        TaskQuery q = TaskQuery.inState(TaskState.DEAD_LETTERED, limit);
        return list(startAfter.map(q::after).orElse(q));
    }

    @Override
    public SortedMap<NodeId, Integer> runningPerMember() {
        TreeMap<NodeId, Integer> out = new TreeMap<>();
        members.keySet().forEach(m -> out.put(m, 0));
        tasks.holders().forEach(m -> out.put(m, tasks.load(m)));
        return out;
    }

    @Override
    public List<Member> members() {
        return List.copyOf(members.values());
    }

    @Override
    public Optional<Long> nextReadyAt() {
        return tasks.nextReadyAt();
    }

    @Override
    public Optional<Long> nextLeaseExpiry() {
        return tasks.nextLeaseExpiry();
    }

    @Override
    public int size() {
        return tasks.size();
    }
}
