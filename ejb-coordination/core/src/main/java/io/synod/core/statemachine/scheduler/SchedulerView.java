package io.synod.core.statemachine.scheduler;

import io.synod.core.consensus.NodeId;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The read side of the scheduler, what the shell serves status queries and the console from (after ReadIndex for
 * linearizable reads). Deliberately without writes: state changes only through the log. Returned tasks share
 * their byte arrays with the replicated state: read them, never modify them.
 */
public interface SchedulerView {

    Optional<Task> status(String taskId);

    /** The last accepted completion's result; empty if the task never completed (or does not exist). */
    Optional<byte[]> result(String taskId);

    /** @throws InvalidLimitException for a limit outside 1..maxListLimit */
    List<Task> list(TaskQuery query);

    /** The ready queue as the next assign would see it at {@code nowMillis}: highest effective priority first. */
    List<Task> readyQueue(long nowMillis, int limit);

    /** Dead-lettered tasks in id order, strictly after {@code startAfter} when given. */
    List<Task> deadLetters(Optional<String> startAfter, int limit);

    /** Held (assigned or running) task count of every registered member, and of any former holder, by name. */
    SortedMap<NodeId, Integer> runningPerMember();

    List<Member> members();

    /** When the earliest PENDING task becomes ready: the leader need not propose an assign before then. */
    Optional<Long> nextReadyAt();

    /** When the earliest attempt lease lapses: the leader need not propose an expiry before then. */
    Optional<Long> nextLeaseExpiry();

    int size();
}
