package io.synod.core.sim;

import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NotLeaderException;
import io.synod.core.consensus.ProposalDroppedException;
import io.synod.core.statemachine.ApplyOutcome;
import io.synod.core.statemachine.ClientId;
import io.synod.core.statemachine.ServiceId;

import java.util.List;
import java.util.Random;

/**
 * A client of the real coordination services: one command at a time in a production {@code CommandEnvelope},
 * sent to the node it believes leads, redirected by NotLeader hints, retried with the same sequence number until
 * answered or its deadline passes (the registry's duplicate filter makes retries harmless). The leader stamps its
 * own wall-clock time on the envelope. When the registry has forgotten this client id (idle too long, or its first
 * command never committed) the client continues under a new id, as a production client reconnecting would.
 */
abstract class CoordinationClient {

    static final long ATTEMPT_TIMEOUT = 20L * SimulatedClock.UNITS_PER_TICK;
    static final long OPERATION_TIMEOUT = 60L * SimulatedClock.UNITS_PER_TICK;
    /** Pause between commands: keeps the history small enough for 2,000 seeds per engine in the default build. */
    static final int THINK_TIME = 10 * SimulatedClock.UNITS_PER_TICK;

    /** The command in flight. */
    protected static final class Pending {
        final ServiceId service;
        final byte[] payload;
        final Object intent;
        final long seq;
        final long invoked;
        final long deadline;
        long retryAt;
        boolean reachedLog;

        Pending(ServiceId service, byte[] payload, Object intent, long seq, long invoked) {
            this.service = service;
            this.payload = payload;
            this.intent = intent;
            this.seq = seq;
            this.invoked = invoked;
            this.deadline = invoked + OPERATION_TIMEOUT;
            this.retryAt = invoked;
        }
    }

    final String name;
    protected final Random random;
    private final List<SimNode> nodes;
    protected final CoordinationHub hub;
    private final SimTrace trace;
    private int incarnation = 1;
    private ClientId clientId;
    private long seq;
    private Pending current;
    private int target;
    protected long nextOpAt;

    CoordinationClient(String name, Random random, List<SimNode> nodes, CoordinationHub hub, SimTrace trace) {
        this.name = name;
        this.random = random;
        this.nodes = nodes;
        this.hub = hub;
        this.trace = trace;
        this.clientId = ClientId.of(name + "." + incarnation);
        this.target = random.nextInt(nodes.size());
        this.nextOpAt = random.nextInt(50);
        hub.register(name, this);
    }

    boolean idle() {
        return current == null;
    }

    void step(long now, boolean issueNew) {
        if (current == null) {
            if (issueNew && now >= nextOpAt) {
                next(now);
            }
            return;
        }
        if (now >= current.deadline) {
            Pending p = current;
            current = null;
            hub.stats.operations++;
            trace.event(now, "timeout", -1, clientId + " " + p.intent + (p.reachedLog ? " unknown" : " abandoned"));
            nextOpAt = now + SimulatedClock.UNITS_PER_TICK + random.nextInt(THINK_TIME);
            onNoAnswer(p, now);
        } else if (now >= current.retryAt) {
            attempt(now);
        }
    }

    /** Choose and {@link #send} the next command, or schedule {@link #nextOpAt}. */
    protected abstract void next(long now);

    /** The service's answer to {@code p}. */
    protected abstract void onAnswer(Pending p, byte[] result, long now);

    /** {@code p} got no answer by its deadline; it may or may not have taken effect. */
    protected abstract void onNoAnswer(Pending p, long now);

    protected final void send(ServiceId service, byte[] payload, Object intent, long now) {
        current = new Pending(service, payload, intent, ++seq, now);
        trace.event(now, "invoke", -1, clientId + "#" + seq + " " + intent);
        attempt(now);
    }

    private void attempt(long now) {
        Pending p = current;
        SimNode node = nodes.get(target);
        if (!node.isUp()) {
            target = random.nextInt(nodes.size());
            p.retryAt = now + SimulatedClock.UNITS_PER_TICK;
            return;
        }
        p.retryAt = now + ATTEMPT_TIMEOUT;
        try {
            node.proposeCoordination(clientId, p.seq, p.service, p.payload);
            p.reachedLog = true;
        } catch (NotLeaderException e) {
            target = e.leaderHint().map(this::indexOf).orElseGet(() -> random.nextInt(nodes.size()));
            p.retryAt = now + 1 + random.nextInt(SimulatedClock.UNITS_PER_TICK);
        } catch (ProposalDroppedException e) {
            p.retryAt = now + SimulatedClock.UNITS_PER_TICK;
        }
    }

    /** A replica's answer for {@code seq} of this client's current id. */
    void onOutcome(long answeredSeq, ApplyOutcome outcome, long now) {
        Pending p = current;
        if (p == null || p.seq != answeredSeq || !(outcome instanceof ApplyOutcome.Applied
                || outcome instanceof ApplyOutcome.Duplicate || outcome instanceof ApplyOutcome.SessionExpired)) {
            return;
        }
        current = null;
        hub.stats.operations++;
        nextOpAt = now + SimulatedClock.UNITS_PER_TICK + random.nextInt(THINK_TIME);
        if (outcome instanceof ApplyOutcome.SessionExpired) {
            // The registry forgot this id, so an earlier attempt may have been applied: outcome unknown.
            trace.event(now, "forgotten", -1, clientId + "#" + p.seq);
            clientId = ClientId.of(name + "." + ++incarnation);
            seq = 0;
            onNoAnswer(p, now);
            return;
        }
        byte[] result = outcome instanceof ApplyOutcome.Applied a ? a.result() : ((ApplyOutcome.Duplicate) outcome).result();
        hub.completed(clientId, p.seq, p.invoked, now);
        trace.event(now, "complete", -1, clientId + "#" + p.seq + " " + p.intent);
        onAnswer(p, result, now);
    }

    /** The node this client talks to, if its process runs. */
    protected final java.util.Optional<SimNode> connected() {
        SimNode n = nodes.get(target);
        return n.isUp() ? java.util.Optional.of(n) : java.util.Optional.empty();
    }

    private int indexOf(NodeId node) {
        for (SimNode n : nodes) {
            if (n.id.equals(node)) {
                return n.index;
            }
        }
        return random.nextInt(nodes.size());
    }
}
