package io.synod.core.sim;

import io.synod.core.check.CasRegisterModel;
import io.synod.core.check.CounterModel;
import io.synod.core.check.FencedLockModel;
import io.synod.core.check.Operation;
import io.synod.core.consensus.NotLeaderException;
import io.synod.core.consensus.ProposalDroppedException;

import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A client of the replicated service: one operation at a time, sent to the node it believes leads,
 * redirected by NotLeader hints, retried with the same sequence number when an attempt goes unanswered
 * (the state machine's session table makes the retry harmless, thesis §6.3). An operation that still has
 * no answer at its deadline is recorded with an unknown outcome if any attempt reached a leader's log,
 * and left out if none did (it cannot have had an effect).
 */
final class SimClient {

    static final List<String> REGISTER_KEYS = List.of("r0", "r1", "r2");
    static final String LOCK = "lock";
    static final String COUNTER = "count";

    private enum Kind { PUT, GET, CAS, ACQUIRE, RELEASE, INCREMENT, COUNT }

    private static final class Pending {
        final long seq;
        final Kind kind;
        final String key;
        final long a;
        final long b;
        final long invoked;
        final long deadline;
        long retryAt;
        boolean reachedLog;

        Pending(long seq, Kind kind, String key, long a, long b, long invoked, long deadline) {
            this.seq = seq;
            this.kind = kind;
            this.key = key;
            this.a = a;
            this.b = b;
            this.invoked = invoked;
            this.deadline = deadline;
            this.retryAt = invoked;
        }

        boolean isRead() {
            return kind == Kind.GET || kind == Kind.COUNT;
        }
    }

    private static final long ATTEMPT_TIMEOUT = 40L * SimulatedClock.UNITS_PER_TICK;
    private static final long OPERATION_TIMEOUT = 150L * SimulatedClock.UNITS_PER_TICK;

    final int id;
    private final Random random;
    private final List<SimNode> nodes;
    private final SimHistory history;
    private final SimTrace trace;
    private long seq;
    private Pending current;
    private long nextOpAt;
    private int target;
    private boolean mayHoldLock;
    private long lastSeen;

    SimClient(int id, Random random, List<SimNode> nodes, SimHistory history, SimTrace trace) {
        this.id = id;
        this.random = random;
        this.nodes = nodes;
        this.history = history;
        this.trace = trace;
        this.target = random.nextInt(nodes.size());
        this.nextOpAt = random.nextInt(50);
    }

    boolean idle() {
        return current == null;
    }

    void step(long now, boolean issueNew) {
        if (current == null) {
            if (issueNew && now >= nextOpAt) {
                current = next(now);
                trace.event(now, "invoke", -1, "c" + id + " " + current.kind + " " + current.key + " " + current.a);
                attempt(now);
            }
            return;
        }
        if (now >= current.deadline) {
            giveUp(now);
        } else if (now >= current.retryAt) {
            attempt(now);
        }
    }

    private Pending next(long now) {
        long s = ++seq;
        long deadline = now + OPERATION_TIMEOUT;
        int dice = random.nextInt(100);
        if (dice < 45) {
            String key = REGISTER_KEYS.get(random.nextInt(REGISTER_KEYS.size()));
            int op = random.nextInt(3);
            long value = id * 1_000_000L + s;
            if (op == 0) {
                return new Pending(s, Kind.PUT, key, value, 0, now, deadline);
            } else if (op == 1) {
                return new Pending(s, Kind.GET, key, 0, 0, now, deadline);
            }
            return new Pending(s, Kind.CAS, key, lastSeen, value, now, deadline);
        } else if (dice < 70) {
            Kind kind = mayHoldLock ? Kind.RELEASE : Kind.ACQUIRE;
            return new Pending(s, kind, LOCK, 0, 0, now, deadline);
        }
        return new Pending(s, random.nextBoolean() ? Kind.INCREMENT : Kind.COUNT, COUNTER, 0, 0, now, deadline);
    }

    private void attempt(long now) {
        Pending p = current;
        SimNode node = nodes.get(target);
        if (!node.isUp()) {
            target = random.nextInt(nodes.size()); // connection refused: try someone else
            p.retryAt = now + SimulatedClock.UNITS_PER_TICK;
            return;
        }
        p.retryAt = now + ATTEMPT_TIMEOUT;
        try {
            if (p.isRead()) {
                node.read(new ReadRequest(id, p.seq, p.kind == Kind.COUNT, p.key));
            } else {
                node.propose(command(p));
                p.reachedLog = true; // only a proposal that returned a receipt can take effect
            }
        } catch (NotLeaderException e) {
            target = e.leaderHint().map(this::indexOf).orElseGet(() -> random.nextInt(nodes.size()));
            p.retryAt = now + 1 + random.nextInt(SimulatedClock.UNITS_PER_TICK);
        } catch (ProposalDroppedException e) {
            p.retryAt = now + SimulatedClock.UNITS_PER_TICK;
        }
    }

    /** A node answered; only the answer to the current operation counts (older ones are late duplicates). */
    void onResponse(long seq, SimResult result, long now) {
        Pending p = current;
        if (p == null || p.seq != seq) {
            return;
        }
        trace.event(now, "complete", -1, "c" + id + " " + p.kind + " " + p.key + " " + result.ok() + " " + result.value());
        switch (p.kind) {
            case PUT -> register(p, Optional.of(new CasRegisterModel.Written()), now);
            case GET -> {
                register(p, Optional.of(new CasRegisterModel.Value(result.ok() ? Optional.of(result.value()) : Optional.empty())), now);
                if (result.ok()) {
                    lastSeen = result.value();
                }
            }
            case CAS -> register(p, Optional.of(new CasRegisterModel.Swapped(result.ok())), now);
            case ACQUIRE -> {
                mayHoldLock = result.ok();
                lock(p, Optional.of(result.ok() ? new FencedLockModel.Granted(result.value()) : new FencedLockModel.Busy()), now);
            }
            case RELEASE -> {
                mayHoldLock = false;
                lock(p, Optional.of(result.ok() ? new FencedLockModel.Released() : new FencedLockModel.NotHeld()), now);
            }
            case INCREMENT, COUNT -> counter(p, Optional.of(result.value()), now);
        }
        history.completed++;
        finish(now);
    }

    /**
     * The deadline passed without an answer. A write that reached some log may still take effect at any
     * later time: recorded with an unknown outcome. Anything else had no effect and is left out.
     */
    void giveUp(long now) {
        Pending p = current;
        trace.event(now, "timeout", -1, "c" + id + " " + p.kind + " " + p.key + (p.reachedLog ? " unknown" : " abandoned"));
        if (p.isRead() || !p.reachedLog) {
            history.abandoned++;
        } else {
            history.unknown++;
            switch (p.kind) {
                case PUT, CAS -> register(p, Optional.empty(), now);
                case ACQUIRE, RELEASE -> {
                    mayHoldLock = true; // perhaps granted: release next, to keep the lock live
                    lock(p, Optional.empty(), now);
                }
                default -> counter(p, Optional.empty(), now);
            }
        }
        finish(now);
    }

    private void finish(long now) {
        current = null;
        nextOpAt = now + random.nextInt(3 * SimulatedClock.UNITS_PER_TICK);
    }

    private void register(Pending p, Optional<CasRegisterModel.Output> out, long now) {
        CasRegisterModel.Input in = switch (p.kind) {
            case PUT -> new CasRegisterModel.Put(p.key, p.a);
            case GET -> new CasRegisterModel.Get(p.key);
            default -> new CasRegisterModel.Cas(p.key, p.a, p.b);
        };
        history.registers.add(new Operation<>(id, in, out, p.invoked, out.isPresent() ? now : Operation.NEVER));
    }

    private void lock(Pending p, Optional<FencedLockModel.Output> out, long now) {
        FencedLockModel.Input in = p.kind == Kind.ACQUIRE
                ? new FencedLockModel.Acquire(p.key, id) : new FencedLockModel.Release(p.key, id);
        history.locks.add(new Operation<>(id, in, out, p.invoked, out.isPresent() ? now : Operation.NEVER));
    }

    private void counter(Pending p, Optional<Long> out, long now) {
        CounterModel.Input in = p.kind == Kind.INCREMENT ? new CounterModel.Increment(p.key) : new CounterModel.Read(p.key);
        history.counters.add(new Operation<>(id, in, out, p.invoked, out.isPresent() ? now : Operation.NEVER));
    }

    private SimCommand command(Pending p) {
        SimCommand.Op op = switch (p.kind) {
            case PUT -> SimCommand.Op.PUT;
            case CAS -> SimCommand.Op.CAS;
            case ACQUIRE -> SimCommand.Op.ACQUIRE;
            case RELEASE -> SimCommand.Op.RELEASE;
            case INCREMENT -> SimCommand.Op.INCREMENT;
            default -> throw new IllegalStateException(p.kind + " is a read");
        };
        return new SimCommand(id, p.seq, op, p.key, p.a, p.b);
    }

    private int indexOf(io.synod.core.consensus.NodeId node) {
        for (SimNode n : nodes) {
            if (n.id.equals(node)) {
                return n.index;
            }
        }
        return random.nextInt(nodes.size());
    }
}
