package io.synod.core.sim;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.Message;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NodeStatus;
import io.synod.core.consensus.Role;
import io.synod.core.raft.InjectedBug;
import io.synod.core.raft.RaftConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members of one simulated group and the machinery they share: builds the nodes and their disks,
 * starts, crashes and decommissions processes, and moves messages and ticks to them. Node {@code i} is
 * named {@code n(i+1)}.
 */
final class Cluster {

    /**
     * The plan draws chunk sizes for the KV image alone; the coordination services' state makes images some ten
     * times larger, so chunks scale with them (a snapshot still takes several chunks, and transfers still finish
     * within the settle limit).
     */
    private static final int CHUNK_SCALE = 16;

    final List<SimNode> nodes = new ArrayList<>();
    final SimulatedNetwork network;
    final SimulatedClock clock;
    private final FaultPlan plan;
    private final EngineFactory factory;
    private final Set<InjectedBug> bugs;
    private final Random engineSeeds;
    private final Random crashes;

    Cluster(FaultPlan plan, EngineFactory factory, Set<InjectedBug> bugs, SimContextFactory contexts,
            Random networkRandom, Random engineSeeds, Random crashes) {
        this.plan = plan;
        this.factory = factory;
        this.bugs = bugs;
        this.engineSeeds = engineSeeds;
        this.crashes = crashes;
        Map<NodeId, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < plan.universe(); i++) {
            index.put(NodeId.of("n" + (i + 1)), i);
        }
        this.network = new SimulatedNetwork(index, networkRandom);
        this.network.setFaults(plan.network());
        this.clock = new SimulatedClock(plan.universe());
        Set<NodeId> voters = new TreeSet<>();
        for (int i = 0; i < plan.voters(); i++) {
            voters.add(NodeId.of("n" + (i + 1)));
        }
        SimContext ctx = contexts.create(network, clock);
        for (int i = 0; i < plan.universe(); i++) {
            clock.setPeriod(i, plan.tickPeriods()[i]);
            SimulatedDisk disk = new SimulatedDisk(ConfState.ofVoters(voters));
            if (i >= plan.voters()) {
                disk.wipeAsJoiner(); // a spare: joins later, empty
            }
            nodes.add(new SimNode(i, NodeId.of("n" + (i + 1)), disk, ctx));
        }
    }

    /** Builds the shared context once the network and clock exist. */
    interface SimContextFactory {
        SimContext create(SimulatedNetwork network, SimulatedClock clock);
    }

    RaftConfig config(int i) {
        return new RaftConfig(nodes.get(i).id, 1, plan.electionTicks(), plan.heartbeatTicks(), plan.preVote(), plan.checkQuorum(),
                plan.maxSizePerMsg(), plan.maxInflight(), plan.snapshotChunkBytes() * CHUNK_SCALE, bugs);
    }

    void start(int i) {
        clock.restart(i);
        nodes.get(i).start(factory, config(i), new Random(engineSeeds.nextLong()));
    }

    void crash(int i) {
        nodes.get(i).crash(crashes);
    }

    /** Deliver everything due now; returns the nodes that received something (for the nemesis to look at). */
    void deliverDue(java.util.function.IntConsumer afterDelivery) {
        for (Message m : network.deliverDue(clock.now(), clock::isPaused)) {
            int to = indexOf(m.to());
            SimNode node = nodes.get(to);
            if (node.isUp()) {
                node.deliver(m);
                afterDelivery.accept(to);
            }
        }
    }

    void tickDue() {
        for (SimNode node : nodes) {
            if (node.isUp() && clock.tickDue(node.index)) {
                node.tick();
            }
        }
    }

    /** The leader with the highest term among running nodes, if any. */
    Optional<SimNode> leader() {
        SimNode best = null;
        long bestTerm = -1;
        for (SimNode n : nodes) {
            if (n.isUp()) {
                NodeStatus s = n.status();
                if (s.role() == Role.LEADER && s.term() > bestTerm) {
                    best = n;
                    bestTerm = s.term();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    int indexOf(NodeId id) {
        return Integer.parseInt(id.value().substring(1)) - 1;
    }
}
