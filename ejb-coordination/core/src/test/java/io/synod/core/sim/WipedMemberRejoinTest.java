package io.synod.core.sim;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted simulation scenario (SIM-NEEDS item 3, simulation seed 346): a member removed from the
 * group, wiped and restarted under the same id must not hand a stale node a majority of an old
 * configuration that still lists it.
 */
class WipedMemberRejoinTest {

    private static FaultPlan quietPlan() {
        long[] periods = {10, 10, 10, 10, 10};
        return new FaultPlan(3, 5, 0, 10, 1, true, true, 4096, 8, 256, 1000, 0, NetworkFaults.RELIABLE,
                0, 1, 0, 1, 0, 0, false, periods, 0, 1, 0, 0, 1);
    }

    private static final class Quiet implements SimContext.MembershipListener {
        @Override
        public void onConfChangeApplied(SimNode node, ConfChange change, long index, long term) {
        }

        @Override
        public void onNewLeader(SimNode node, long term) {
        }

        @Override
        public void onFirstCommitAsLeader(SimNode node, long term) {
        }
    }

    private static void run(Cluster c, int ticks) {
        for (int u = 0; u < ticks * SimulatedClock.UNITS_PER_TICK; u++) {
            c.deliverDue(i -> {
            });
            c.tickDue();
            c.clock.advance();
        }
    }

    @Test
    void anAmnesiacRemovedMemberDoesNotElectAStaleNode() {
        FaultPlan plan = quietPlan();
        SafetyMonitor monitor = new SafetyMonitor();
        SimTrace trace = new SimTrace();
        Cluster c = new Cluster(plan, SimSettings.RAFT, Set.of(),
                (net, clock) -> new SimContext(net, clock, monitor, trace, (client, seq, result) -> {
                }, new Quiet(), 1000, 0, CoordinationHub.none()),
                new Random(1), new Random(2), new Random(3));
        for (int i = 0; i < 3; i++) {
            c.start(i);
        }
        run(c, 40);
        SimNode leader = c.leader().orElseThrow();
        int l = leader.index;
        int f = (l + 1) % 3;          // will be cut off and keep the old configuration
        int g = (l + 2) % 3;          // will be removed, wiped and started again empty
        for (int k = 0; k < 5; k++) {
            leader.propose(new SimCommand(1, k + 1, SimCommand.Op.INCREMENT, "c", 0, 0));
        }
        run(c, 10);
        c.network.setPartition(Partition.isolate(f, List.of(), 5));
        c.start(3);
        leader.proposeConfChange(new ConfChange(ConfChange.Kind.ADD_LEARNER, NodeId.of("n4")));
        run(c, 20);
        leader.proposeConfChange(new ConfChange(ConfChange.Kind.ADD_VOTER, NodeId.of("n4")));
        run(c, 20);
        leader.proposeConfChange(new ConfChange(ConfChange.Kind.REMOVE, c.nodes.get(g).id));
        run(c, 20);
        for (int k = 0; k < 5; k++) {
            leader.propose(new SimCommand(1, k + 10, SimCommand.Op.INCREMENT, "c", 0, 0));
        }
        run(c, 20);
        assertThat(c.nodes.get(f).status().confState().voters()).as("the cut-off node still has the old configuration")
                .contains(c.nodes.get(g).id);
        // The operator deletes the removed member's data and starts it again under the same id, and the
        // cut-off node can reach only it: the old configuration's majority is the two of them.
        c.nodes.get(g).decommission();
        c.start(g);
        c.network.setPartition(Partition.isolate(f, List.of(g), 5));
        run(c, 100); // the monitor throws InvariantViolation if the stale node gets elected
        assertThat(c.nodes.get(f).status().role()).isNotEqualTo(Role.LEADER);
    }
}
