package io.synod.core.statemachine.scheduler;

import io.synod.core.codec.CodecException;
import io.synod.core.consensus.LogEntry;
import io.synod.core.statemachine.ApplyOutcome;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.ClientSessionPolicy;
import io.synod.core.statemachine.CommandEnvelope;
import io.synod.core.statemachine.EnvelopeCodec;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.StateMachineRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of a scheduler group fed the same committed log, the way the shell feeds them: envelopes with
 * client ids, sequences and leader-stamped time through a {@link StateMachineRegistry} (duplicate filter, monotonic
 * clock). One of them is rebuilt from its own snapshot whenever the test says so; every result and the final
 * snapshots must still be byte-identical.
 */
final class ReplicatedScheduler {

    private static final ClientSessionPolicy POLICY = new ClientSessionPolicy(Duration.ofDays(1), 1024);

    private final SchedulerLimits limits;
    private final StateMachineRegistry reference;
    private SchedulerStateMachine restoredMachine;
    private StateMachineRegistry restored;
    private final TreeMap<String, Long> sequences = new TreeMap<>();
    private final TreeMap<String, CommandEnvelope> lastSent = new TreeMap<>();
    private long index;

    ReplicatedScheduler(SchedulerLimits limits) {
        this.limits = limits;
        this.reference = new StateMachineRegistry(POLICY, List.of(new SchedulerStateMachine(limits)));
        this.restoredMachine = new SchedulerStateMachine(limits);
        this.restored = new StateMachineRegistry(POLICY, List.of(restoredMachine));
    }

    /** Propose {@code command} from {@code client} with the leader's (possibly lagging) clock; returns its result. */
    Optional<SchedulerResult> propose(String client, SchedulerCommand command, long leaderTimeMillis) {
        long seq = sequences.merge(client, 1L, Long::sum);
        CommandEnvelope e = new CommandEnvelope(ClientId.of(client), seq, leaderTimeMillis, ServiceId.SCHEDULER,
                SchedulerCommandCodec.encode(command));
        lastSent.put(client, e);
        return append(e);
    }

    /** The client retries its last command (its answer was lost): must be answered, never applied twice. */
    Optional<SchedulerResult> retryLast(String client) {
        CommandEnvelope e = lastSent.get(client);
        return e == null ? Optional.empty() : append(e);
    }

    long lastIndex() {
        return index;
    }

    long clockMillis() {
        return reference.clockMillis();
    }

    SchedulerView view() {
        return ((SchedulerStateMachine) reference.service(ServiceId.SCHEDULER).orElseThrow()).view();
    }

    /** Replace the second replica by one restored from its own snapshot, as after a restart or an InstallSnapshot. */
    void restartFromSnapshot() throws CodecException {
        byte[] snapshot = restored.snapshot();
        restoredMachine = new SchedulerStateMachine(limits);
        restored = new StateMachineRegistry(POLICY, List.of(restoredMachine));
        restored.restore(snapshot);
        assertThat(restored.snapshot()).isEqualTo(snapshot);
    }

    void assertReplicasIdentical() {
        assertThat(restored.snapshot()).isEqualTo(reference.snapshot());
    }

    /** Same kind, same index, same result bytes (cheaper than a reflective comparison, run on every entry). */
    private static boolean sameOutcome(ApplyOutcome a, ApplyOutcome b) {
        if (a.getClass() != b.getClass() || a.index() != b.index()) {
            return false;
        }
        if (a instanceof ApplyOutcome.Applied x) {
            return java.util.Arrays.equals(x.result(), ((ApplyOutcome.Applied) b).result());
        }
        if (a instanceof ApplyOutcome.Duplicate x) {
            return java.util.Arrays.equals(x.result(), ((ApplyOutcome.Duplicate) b).result());
        }
        return a.equals(b);
    }

    private Optional<SchedulerResult> append(CommandEnvelope e) {
        LogEntry entry = LogEntry.normal(++index, 1, EnvelopeCodec.encode(e));
        ApplyOutcome a = reference.apply(entry);
        ApplyOutcome b = restored.apply(entry);
        if (!sameOutcome(a, b)) {
            throw new AssertionError("replicas diverged at index " + index + ": " + a + " vs " + b);
        }
        try {
            if (a instanceof ApplyOutcome.Applied applied) {
                return Optional.of(SchedulerResultCodec.decode(applied.result()));
            }
            if (a instanceof ApplyOutcome.Duplicate) {
                return Optional.empty();
            }
        } catch (CodecException ex) {
            throw new AssertionError("result does not decode at index " + index, ex);
        }
        throw new AssertionError("unexpected outcome " + a);
    }
}
