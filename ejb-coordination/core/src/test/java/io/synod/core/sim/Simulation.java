package io.synod.core.sim;

import io.synod.core.check.CasRegisterModel;
import io.synod.core.check.CheckResult;
import io.synod.core.check.CounterModel;
import io.synod.core.check.FencedLockModel;
import io.synod.core.check.LinearizabilityChecker;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NodeStatus;
import io.synod.core.paxos.PaxosInjectedBug;
import io.synod.core.raft.InjectedBug;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * One deterministic run: everything — the fault plan, the network, the disks' crash behaviour, the
 * engines' election timers, the clients — is drawn from one {@link Random} seeded with {@code seed}, split
 * into independent streams in a fixed order. Chaos first; then the network heals, every member restarts
 * and the cluster must converge; then the client histories must be linearizable. Invariants are checked
 * at every step throughout.
 */
public final class Simulation {

    public static final String REPLAY = "mvn -pl ejb-coordination/core test -Dsynod.sim.seed=";

    /** After healing, clients keep working this long (reads then see the healed cluster), then stop. */
    private static final long CLIENT_TAIL = 100L * SimulatedClock.UNITS_PER_TICK;
    /** Convergence must happen within this long after healing, or it is a liveness failure. */
    private static final long SETTLE_LIMIT = 600L * SimulatedClock.UNITS_PER_TICK;

    /** Clients of the real session and lock services in every run (two contend for two locks). */
    private static final int LOCK_CLIENTS = 2;
    /** Scheduler workers in every run (one client submits tasks). */
    private static final int WORKERS = 2;

    private final long seed;
    private final Set<InjectedBug> bugs;
    private final Set<PaxosInjectedBug> paxosBugs;
    private final Set<ServiceBug> serviceBugs;
    private final Engine engine;
    private final EngineFactory factory;

    /** A Raft run with a custom factory (the engine's safety rules are Raft's). */
    public Simulation(long seed, Set<InjectedBug> bugs, EngineFactory factory) {
        this.seed = seed;
        this.bugs = Set.copyOf(bugs);
        this.paxosBugs = Set.of();
        this.serviceBugs = Set.of();
        this.engine = Engine.RAFT;
        this.factory = factory;
    }

    /** A run of {@code engine} with its injected bugs (Raft's bugs for Raft, Multi-Paxos's for Multi-Paxos). */
    public Simulation(long seed, Engine engine, Set<InjectedBug> raftBugs, Set<PaxosInjectedBug> paxosBugs) {
        this(seed, engine, raftBugs, paxosBugs, Set.of());
    }

    /** A run of {@code engine} with injected engine bugs and/or bugs in the replicated coordination services. */
    public Simulation(long seed, Engine engine, Set<InjectedBug> raftBugs, Set<PaxosInjectedBug> paxosBugs,
                      Set<ServiceBug> serviceBugs) {
        this.seed = seed;
        this.serviceBugs = Set.copyOf(serviceBugs);
        this.engine = engine;
        this.bugs = engine == Engine.RAFT ? Set.copyOf(raftBugs) : Set.of();
        this.paxosBugs = engine == Engine.MULTIPAXOS ? Set.copyOf(paxosBugs) : Set.of();
        this.factory = engine.factory(this.paxosBugs);
    }

    /** The command that replays this run exactly. */
    public String replayCommand() {
        String bug = !bugs.isEmpty() ? " -Dsynod.sim.bug=" + bugs.iterator().next()
                : !paxosBugs.isEmpty() ? " -Dsynod.sim.bug=" + paxosBugs.iterator().next()
                : !serviceBugs.isEmpty() ? " -Dsynod.sim.bug=" + serviceBugs.iterator().next() : "";
        return REPLAY + seed + " -Dsynod.sim.engine=" + engine.protocol() + bug;
    }

    public SimulationResult run() {
        Random root = new Random(seed);
        Random planRandom = new Random(root.nextLong());
        Random networkRandom = new Random(root.nextLong());
        Random engineSeeds = new Random(root.nextLong());
        Random crashRandom = new Random(root.nextLong());
        Random nemesisRandom = new Random(root.nextLong());
        Random clientSeeds = new Random(root.nextLong());
        Random coordinationSeeds = new Random(root.nextLong()); // drawn last: the streams above are unchanged

        FaultPlan plan = FaultPlan.choose(planRandom);
        SimTrace trace = new SimTrace();
        SafetyMonitor monitor = new SafetyMonitor(engine);
        SimHistory history = new SimHistory();
        List<SimClient> clients = new ArrayList<>();
        CoordinationHub hub = new CoordinationHub(serviceBugs);
        List<CoordinationClient> coordinationClients = new ArrayList<>();
        Nemesis nemesis = new Nemesis(plan, nemesisRandom);
        Cluster[] holder = new Cluster[1];
        ClientResponder responder = (client, s, result) -> clients.get(client - 1).onResponse(s, result, holder[0].clock.now());
        Cluster cluster = new Cluster(plan, factory, bugs,
                (net, clock) -> new SimContext(net, clock, monitor, trace, responder, nemesis, plan.snapshotEvery(), plan.compactTail(), hub),
                networkRandom, engineSeeds, crashRandom);
        holder[0] = cluster;
        nemesis.attach(cluster, trace);
        for (int c = 1; c <= plan.clients(); c++) {
            clients.add(new SimClient(c, new Random(clientSeeds.nextLong()), cluster.nodes, history, trace));
        }
        for (int c = 1; c <= LOCK_CLIENTS; c++) {
            coordinationClients.add(new LockClient(c, new Random(coordinationSeeds.nextLong()), cluster.nodes, hub, trace));
        }
        coordinationClients.add(new TaskSubmitter(1, new Random(coordinationSeeds.nextLong()), cluster.nodes, hub, trace));
        for (int w = 1; w <= WORKERS; w++) {
            coordinationClients.add(new TaskWorker(w, new Random(coordinationSeeds.nextLong()), cluster.nodes, hub, trace));
        }

        Optional<String> failure = Optional.empty();
        boolean inconclusive = false;
        try {
            for (int i = 0; i < plan.voters(); i++) {
                cluster.start(i);
            }
            long chaosEnd = plan.chaosTicks() * (long) SimulatedClock.UNITS_PER_TICK;
            while (cluster.clock.now() < chaosEnd) {
                step(cluster, nemesis, clients, coordinationClients, true);
            }
            nemesis.heal();
            long deadline = chaosEnd + SETTLE_LIMIT;
            boolean settled = false;
            while (cluster.clock.now() < deadline && !settled) {
                boolean issue = cluster.clock.now() < chaosEnd + CLIENT_TAIL;
                step(cluster, nemesis, clients, coordinationClients, issue);
                settled = !issue && clients.stream().allMatch(SimClient::idle)
                        && coordinationClients.stream().allMatch(CoordinationClient::idle)
                        && converged(cluster, nemesis, monitor);
            }
            if (!settled) {
                failure = Optional.of("liveness: no convergence within " + SETTLE_LIMIT / SimulatedClock.UNITS_PER_TICK
                        + " ticks after healing (" + describe(cluster) + ")");
            } else {
                hub.checkAtEnd(cluster.leader().orElseThrow());
                LinearizabilityChecker checker = new LinearizabilityChecker();
                CheckResult registers = checker.check(new CasRegisterModel(), history.registers);
                CheckResult locks = checker.check(new FencedLockModel(), history.locks);
                CheckResult counters = checker.check(new CounterModel(), history.counters);
                for (CheckResult r : List.of(registers, locks, counters)) {
                    if (r.isIllegal() && failure.isEmpty()) {
                        failure = Optional.of("linearizability: " + r);
                    }
                    inconclusive |= SimulationResult.inconclusive(r);
                }
            }
        } catch (InvariantViolation v) {
            failure = Optional.of("invariant: " + v.getMessage());
        } catch (RuntimeException e) {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            failure = Optional.of("exception: " + sw.toString().lines().limit(12).reduce((a, b) -> a + "\n" + b).orElse(""));
        }
        Optional<String> report = failure.map(f -> f + "\n  seed " + seed + " on " + engine.protocol()
                + (bugs.isEmpty() ? "" : " with injected bug " + bugs)
                + (paxosBugs.isEmpty() ? "" : " with injected bug " + paxosBugs)
                + (serviceBugs.isEmpty() ? "" : " with injected service bug " + serviceBugs)
                + "\n  " + plan + "\n  trace hash " + Long.toHexString(trace.hash()) + " after " + trace.count() + " events"
                + "\n  replay: " + replayCommand() + "\n  last events:" + trace.tail(Integer.getInteger("synod.sim.tail", 60)));
        return new SimulationResult(seed, report, trace.hash(), trace.count(), history.size(), history.unknown,
                inconclusive, plan.toString(), hub.stats);
    }

    private static void step(Cluster cluster, Nemesis nemesis, List<SimClient> clients,
                             List<CoordinationClient> coordinationClients, boolean issue) {
        nemesis.act();
        cluster.deliverDue(nemesis::afterDelivery);
        cluster.tickDue();
        long now = cluster.clock.now();
        for (SimClient c : clients) {
            c.step(now, issue);
        }
        for (CoordinationClient c : coordinationClients) {
            c.step(now, issue);
        }
        cluster.clock.advance();
    }

    /**
     * A leader exists and every member of its configuration runs and has applied exactly what the leader
     * committed; their state machines are then compared byte for byte through the monitor.
     */
    private static boolean converged(Cluster cluster, Nemesis nemesis, SafetyMonitor monitor) {
        Optional<SimNode> leader = cluster.leader();
        if (leader.isEmpty()) {
            return false;
        }
        NodeStatus s = leader.get().status();
        ConfState conf = s.confState();
        List<SimNode> members = new ArrayList<>();
        for (NodeId id : conf.voters()) {
            members.add(cluster.nodes.get(cluster.indexOf(id)));
        }
        for (NodeId id : conf.learners()) {
            members.add(cluster.nodes.get(cluster.indexOf(id)));
        }
        for (SimNode m : members) {
            if (!m.isUp() || m.applied() != s.commitIndex()) {
                return false;
            }
        }
        for (SimNode m : members) {
            monitor.onStateImage(m.id, m.applied(), m.stateImage());
        }
        return true;
    }

    private static String describe(Cluster cluster) {
        StringBuilder sb = new StringBuilder();
        for (SimNode n : cluster.nodes) {
            sb.append(n.isUp() ? n.id + " " + n.status().role() + " t" + n.status().term() + " commit="
                    + n.status().commitIndex() + " applied=" + n.applied() + " conf=" + n.status().confState().voters()
                    + "/" + n.status().confState().learners() + " last=" + n.status().lastIndex()
                    + (n.status().progress().isEmpty() ? "" : " progress=" + n.status().progress().values())
                    : n.id + " down").append("; ");
        }
        return sb.toString();
    }
}
