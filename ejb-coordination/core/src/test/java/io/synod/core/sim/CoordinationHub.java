package io.synod.core.sim;

import io.synod.core.statemachine.ApplyOutcome;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.CommandEnvelope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the nodes' coordination replicas share: the oracles (fed each log index once, the first time any replica
 * applies it), the client connections, and the real-time check of the log order: if one command's answer reached
 * its client before another command was invoked, the first must sit at a lower log index. Together with the
 * oracles ({@link LockOracle}, {@link SchedulerOracle}) checking the log-order results, that makes the clients'
 * histories linearizable.
 */
final class CoordinationHub {

    private record Effect(long index, byte[] result) {
    }

    private record Completed(long invoked, long answered, long index, String what) {
    }

    final Set<ServiceBug> bugs;
    final CoordinationStats stats = new CoordinationStats();
    final LockOracle locks = new LockOracle(stats);
    final SchedulerOracle scheduler = new SchedulerOracle(stats);
    private final Map<String, Effect> effects = new HashMap<>();
    private final Map<String, CoordinationClient> clients = new HashMap<>();
    private final List<Completed> completed = new ArrayList<>();

    CoordinationHub(Set<ServiceBug> bugs) {
        this.bugs = Set.copyOf(bugs);
    }

    /** No clients, no checks beyond the replicas' own (scripted tests that do not drive the services). */
    static CoordinationHub none() {
        return new CoordinationHub(Set.of());
    }

    void register(String clientName, CoordinationClient client) {
        clients.put(clientName, client);
    }

    void onApplied(long index, CommandEnvelope env, ApplyOutcome outcome, CoordinationReplica replica) {
        if (index <= locks.lastIndex()) {
            return; // another replica applied this index first; the safety monitor holds them equal
        }
        if (outcome instanceof ApplyOutcome.Applied a) {
            effects.put(key(env.clientId(), env.sequence()), new Effect(index, a.result()));
        }
        locks.onApplied(index, env, outcome, replica.clockMillis(), replica.locks());
        scheduler.onApplied(index, env, outcome, replica.clockMillis(), replica.scheduler());
    }

    /** The end-of-run checks, on a converged replica. */
    void checkAtEnd(SimNode converged) {
        checkRealTimeOrder();
        scheduler.checkNoneLost(converged.schedulerView());
    }

    /** A replica answers a client connection waiting for {@code (client, seq)}. */
    void respond(ClientId client, long seq, ApplyOutcome outcome, long now) {
        byte[] answer = outcome instanceof ApplyOutcome.Applied a ? a.result()
                : outcome instanceof ApplyOutcome.Duplicate d ? d.result() : null;
        if (answer != null) {
            Effect e = effects.get(key(client, seq));
            if (e == null || !Arrays.equals(e.result(), answer)) {
                throw new InvariantViolation(client + "#" + seq + " was answered with a result that differs from the"
                        + " one its entry produced in log order");
            }
        }
        CoordinationClient c = clients.get(client.value().substring(0, client.value().indexOf('.')));
        if (c != null) {
            c.onOutcome(seq, outcome, now);
        }
    }

    void completed(ClientId client, long seq, long invoked, long answered) {
        Effect e = effects.get(key(client, seq));
        if (e != null) {
            completed.add(new Completed(invoked, answered, e.index(), client + "#" + seq));
        }
    }

    /** Log order respects real time: no command answered before another was invoked sits above it in the log. */
    void checkRealTimeOrder() {
        List<Completed> byIndex = new ArrayList<>(completed);
        byIndex.sort(Comparator.comparingLong(Completed::index));
        Completed earliestAnswerAbove = null;
        for (int i = byIndex.size() - 1; i >= 0; i--) {
            Completed c = byIndex.get(i);
            if (earliestAnswerAbove != null && earliestAnswerAbove.answered() < c.invoked()) {
                throw new InvariantViolation("real-time order: " + earliestAnswerAbove.what() + " (entry "
                        + earliestAnswerAbove.index() + ") was answered at " + earliestAnswerAbove.answered()
                        + ", before " + c.what() + " (entry " + c.index() + ") was invoked at " + c.invoked());
            }
            if (earliestAnswerAbove == null || c.answered() < earliestAnswerAbove.answered()) {
                earliestAnswerAbove = c;
            }
        }
    }

    private static String key(ClientId client, long seq) {
        return client.value() + "#" + seq;
    }
}
