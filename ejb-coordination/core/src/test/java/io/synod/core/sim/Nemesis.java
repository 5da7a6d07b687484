package io.synod.core.sim;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NotLeaderException;
import io.synod.core.consensus.ProposalDroppedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Carries out a {@link FaultPlan}: partitions of every shape, crashes (including right after granting a
 * vote), clock pauses, membership changes (add learner, promote, remove, re-add) and leadership transfers,
 * each kind on its own random schedule. Acts only on tick boundaries, and only while chaos lasts.
 */
final class Nemesis implements SimContext.MembershipListener {

    private final FaultPlan plan;
    private final Random random;
    private Cluster cluster;
    private SimTrace trace;
    private final long[] restartAt;
    private final boolean[] spare;
    /** Where our REMOVE of each node landed in the log (index, term), or null. */
    private final io.synod.core.consensus.ProposalReceipt[] removing;
    private final List<Integer> toDecommission = new ArrayList<>();
    private long nextPartition;
    private long healPartitionAt = -1;
    private long nextCrash;
    private long nextPause;
    private long nextMembership;
    private long nextTransfer;
    private boolean chaos = true;
    private long isolateAt = -1;
    /** Present when the plan runs the Figure 8 choreography instead of random leader isolation. */
    private final Figure8Script figure8;
    private int isolateTarget;

    Nemesis(FaultPlan plan, Random random) {
        this.plan = plan;
        this.random = random;
        this.restartAt = new long[plan.universe()];
        this.spare = new boolean[plan.universe()];
        this.removing = new io.synod.core.consensus.ProposalReceipt[plan.universe()];
        java.util.Arrays.fill(restartAt, -1);
        for (int i = plan.voters(); i < plan.universe(); i++) {
            spare[i] = true;
        }
        nextPartition = gap(plan.partitionEvery());
        nextCrash = gap(plan.crashEvery());
        nextPause = gap(plan.pauseEvery());
        nextMembership = gap(plan.membershipEvery());
        nextTransfer = gap(plan.transferEvery());
        figure8 = plan.figure8() ? new Figure8Script(random, plan.electionTicks()) : null;
    }

    void attach(Cluster cluster, SimTrace trace) {
        this.cluster = cluster;
        this.trace = trace;
    }

    boolean isSpare(int node) {
        return spare[node];
    }

    /** A random gap around {@code mean} ticks, in units; "never" when the kind is off. */
    private long gap(int mean) {
        return mean == 0 ? Long.MAX_VALUE : (mean / 2 + random.nextInt(mean + 1)) * (long) SimulatedClock.UNITS_PER_TICK;
    }

    private long now() {
        return cluster.clock.now();
    }

    /** Called once per unit of time, before messages and ticks. */
    void act() {
        long now = now();
        for (int i : List.copyOf(toDecommission)) {
            cluster.nodes.get(i).decommission();
            spare[i] = true;
            restartAt[i] = -1;
        }
        toDecommission.clear();
        for (int i = 0; i < restartAt.length; i++) {
            if (restartAt[i] >= 0 && now >= restartAt[i] && !spare[i]) {
                restartAt[i] = -1;
                cluster.start(i);
            }
        }
        if (chaos && isolateAt >= 0 && now >= isolateAt) {
            isolateAt = -1;
            SimNode target = cluster.nodes.get(isolateTarget);
            if (target.isUp() && target.status().role() == io.synod.core.consensus.Role.LEADER) {
                isolate(target);
            }
        }
        if (!chaos || now % SimulatedClock.UNITS_PER_TICK != 0) {
            return;
        }
        if (figure8 != null) {
            figure8.act(now, cluster, upOrDownMembers(), this::setPartition);
        }
        if (figure8 != null) {
            // the script owns the partition
        } else if (healPartitionAt >= 0 && now >= healPartitionAt) {
            setPartition(Partition.healed(plan.universe()));
            healPartitionAt = -1;
            nextPartition = now + gap(plan.partitionEvery());
        } else if (healPartitionAt < 0 && now >= nextPartition) {
            setPartition(choosePartition());
            healPartitionAt = now + (1 + random.nextInt(plan.partitionTicks())) * (long) SimulatedClock.UNITS_PER_TICK;
        }
        if (now >= nextCrash) {
            nextCrash = now + gap(plan.crashEvery());
            victim().ifPresent(i -> crash(i, (1 + random.nextInt(plan.restartTicks())) * (long) SimulatedClock.UNITS_PER_TICK));
        }
        if (now >= nextPause) {
            nextPause = now + gap(plan.pauseEvery());
            victim().ifPresent(i -> {
                long units = (1 + random.nextInt(plan.pauseTicks())) * (long) SimulatedClock.UNITS_PER_TICK;
                trace.event(now, "pause", i, units);
                cluster.clock.pause(i, units);
            });
        }
        if (now >= nextMembership) {
            nextMembership = now + gap(plan.membershipEvery());
            changeMembership();
        }
        if (now >= nextTransfer) {
            nextTransfer = now + gap(plan.transferEvery());
            transferLeadership();
        }
    }

    /** A node just processed a message: if it granted a vote, maybe pull the plug right now. */
    void afterDelivery(int node) {
        SimNode n = cluster.nodes.get(node);
        if (n.takeGrantedVote() && chaos && random.nextInt(100) < plan.crashAfterVotePercent()) {
            if (random.nextBoolean()) {
                // A supervisor restarts the process at once: it is back before the next candidate asks.
                cluster.crash(node);
                cluster.start(node);
            } else {
                crash(node, random.nextInt(3) * (long) SimulatedClock.UNITS_PER_TICK);
            }
        }
    }

    /**
     * Cut a fresh leader off, at once (before its first appends land; they are cut in flight too) or a
     * few message delays later (after it re-replicated some old entries but perhaps not its own), alone or
     * with one companion: entries of many terms end up on minorities, the raw material of Figure 8.
     */
    @Override
    public void onNewLeader(SimNode leader, long term) {
        if (figure8 != null) {
            if (chaos) {
                figure8.onNewLeader(leader, term, now(), plan.universe(), this::setPartition);
            }
            return;
        }
        if (!chaos || random.nextInt(100) >= plan.isolateLeaderPercent()) {
            return;
        }
        if (random.nextBoolean()) {
            isolate(leader);
        } else {
            isolateAt = now() + 1 + random.nextInt(6 * SimulatedClock.UNITS_PER_TICK);
            isolateTarget = leader.index;
        }
    }

    /**
     * Cut a leader off right after its first commit in its term: what it committed may be known to it and
     * one follower only. (With the Figure 8 bug, that first commit is an old-term entry counted onto a
     * bare majority; the next leader may then overwrite it.)
     */
    @Override
    public void onFirstCommitAsLeader(SimNode leader, long term) {
        if (figure8 != null) {
            if (chaos) {
                figure8.onFirstCommitAsLeader(leader, term, now(), plan.universe(), this::setPartition);
            }
            return;
        }
        if (chaos && random.nextInt(100) < plan.isolateLeaderPercent() / 2) {
            isolate(leader);
        }
    }

    private void isolate(SimNode leader) {
        List<Integer> companions = new ArrayList<>();
        List<Integer> members = upOrDownMembers();
        if (random.nextBoolean() && members.size() > 3) {
            int c = members.get(random.nextInt(members.size()));
            if (c != leader.index) {
                companions.add(c);
            }
        }
        setPartition(Partition.isolate(leader.index, companions, plan.universe()));
        healPartitionAt = now() + (1 + random.nextInt(3 * plan.electionTicks())) * (long) SimulatedClock.UNITS_PER_TICK;
    }

    private void crash(int node, long restartAfter) {
        cluster.crash(node);
        restartAt[node] = now() + restartAfter;
    }

    /** Stop injecting faults: heal the network, restart everyone, end pauses. Skew stays (it is not a fault). */
    void heal() {
        chaos = false;
        trace.event(now(), "heal", -1, 0L);
        setPartition(Partition.healed(plan.universe()));
        cluster.network.setFaults(NetworkFaults.RELIABLE);
        cluster.clock.unpauseAll();
        for (int i = 0; i < restartAt.length; i++) {
            if (!cluster.nodes.get(i).isUp() && !spare[i]) {
                restartAt[i] = now();
            }
        }
    }

    private void setPartition(Partition p) {
        trace.event(now(), "partition", -1, p.name());
        cluster.network.setPartition(p);
    }

    private Partition choosePartition() {
        List<Integer> members = upOrDownMembers();
        int n = plan.universe();
        int kind = random.nextInt(5);
        Optional<SimNode> leader = cluster.leader();
        if (kind == 1 && leader.isPresent()) {
            List<Integer> companions = new ArrayList<>();
            for (int m : members) {
                if (m != leader.get().index && companions.size() < (members.size() - 1) / 2 && random.nextBoolean()) {
                    companions.add(m);
                }
            }
            return Partition.isolate(leader.get().index, companions, n);
        } else if (kind == 2) {
            return Partition.majoritiesRing(members, n, random);
        } else if (kind == 3) {
            return Partition.bridge(members, n, random);
        } else if (kind == 4 && members.size() >= 2) {
            int a = members.get(random.nextInt(members.size()));
            int b = members.get(random.nextInt(members.size()));
            return Partition.oneWay(a, b, n);
        }
        return Partition.randomSplit(members, n, random);
    }

    private List<Integer> upOrDownMembers() {
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < plan.universe(); i++) {
            if (!spare[i]) {
                members.add(i);
            }
        }
        return members;
    }

    /** Half the time the leader (the interesting victim), otherwise any running member. */
    private Optional<Integer> victim() {
        Optional<SimNode> leader = cluster.leader();
        if (leader.isPresent() && random.nextBoolean()) {
            return Optional.of(leader.get().index);
        }
        List<Integer> up = new ArrayList<>();
        for (int i : upOrDownMembers()) {
            if (cluster.nodes.get(i).isUp()) {
                up.add(i);
            }
        }
        return up.isEmpty() ? Optional.empty() : Optional.of(up.get(random.nextInt(up.size())));
    }

    private void transferLeadership() {
        Optional<SimNode> leader = cluster.leader();
        if (leader.isEmpty()) {
            return;
        }
        List<NodeId> voters = new ArrayList<>(leader.get().status().confState().voters());
        voters.remove(leader.get().id);
        if (!voters.isEmpty()) {
            leader.get().transferLeadership(voters.get(random.nextInt(voters.size())));
        }
    }

    /** One single-server change (§4.1): add a spare as learner, promote a learner, or remove someone. */
    private void changeMembership() {
        Optional<SimNode> leaderNode = cluster.leader();
        if (leaderNode.isEmpty()) {
            return;
        }
        SimNode leader = leaderNode.get();
        ConfState conf = leader.status().confState();
        List<ConfChange> options = new ArrayList<>();
        for (int i = 0; i < plan.universe(); i++) {
            NodeId id = cluster.nodes.get(i).id;
            if (!conf.contains(id) && removing[i] == null) {
                options.add(new ConfChange(ConfChange.Kind.ADD_LEARNER, id));
            }
        }
        for (NodeId learner : conf.learners()) {
            options.add(new ConfChange(ConfChange.Kind.ADD_VOTER, learner));
            options.add(new ConfChange(ConfChange.Kind.REMOVE, learner));
        }
        if (conf.voters().size() > 3) {
            for (NodeId voter : conf.voters()) {
                options.add(new ConfChange(ConfChange.Kind.REMOVE, voter));
            }
        }
        if (options.isEmpty()) {
            return;
        }
        ConfChange change = options.get(random.nextInt(options.size()));
        int target = cluster.indexOf(change.node());
        if (change.kind() == ConfChange.Kind.ADD_LEARNER && !cluster.nodes.get(target).isUp()) {
            spare[target] = false;
            cluster.start(target); // an empty process that waits for the leader to reach it
        }
        try {
            io.synod.core.consensus.ProposalReceipt receipt = leader.proposeConfChange(change);
            if (change.kind() == ConfChange.Kind.REMOVE) {
                removing[target] = receipt;
            }
        } catch (NotLeaderException | ProposalDroppedException refused) {
            trace.event(now(), "refused", leader.index, change);
        }
    }

    /**
     * The operator decommissions a removed member once that very removal entry is applied (deferred: we
     * may be inside its Ready). Matching on index and term matters: a lagging node applying an older
     * removal of a member that has since been re-added must not take the new incarnation down.
     */
    @Override
    public void onConfChangeApplied(SimNode node, ConfChange change, long index, long term) {
        int target = cluster.indexOf(change.node());
        io.synod.core.consensus.ProposalReceipt r = removing[target];
        if (change.kind() == ConfChange.Kind.REMOVE && r != null && r.index() == index && r.term() == term) {
            removing[target] = null;
            toDecommission.add(target);
        }
    }
}
