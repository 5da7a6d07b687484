package io.synod.core.sim;

import io.synod.core.consensus.NodeStatus;
import io.synod.core.consensus.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A partition choreography that walks the cluster into the situation of the Raft paper's Figure 8, with
 * the timings left to the seed:
 * <ol>
 *   <li>cut the current leader L1 off (alone, or with one companion in a larger cluster) while clients
 *       keep writing to it: entries X of L1's term land on a minority;</li>
 *   <li>the majority elects L2; cut L2 off the moment it is elected, so its first entry Y, at X's index
 *       and of a higher term, stays on L2 alone;</li>
 *   <li>someone else becomes leader (typically L1, whose log is now the most up to date one reachable);
 *       the moment it first advances its commit index, cut it off too.</li>
 * </ol>
 * A correct leader's first commit covers an entry of its own term, which the voters for L2 now hold, so L2
 * cannot win. A leader that commits X by counting replicas (Fig. 8 (c)) is cut off before its own entry
 * spreads; L2 then wins and overwrites X, which was applied: leader completeness and state-machine safety
 * break. Each round ends by healing; rounds repeat while chaos lasts.
 */
final class Figure8Script {

    private enum Phase { IDLE, MINORITY_WRITES, ISOLATE_NEXT_LEADER, CUT_AFTER_FIRST_COMMIT, COOLDOWN }

    private final Random random;
    private final int electionTicks;
    private Phase phase = Phase.IDLE;
    private long phaseDeadline;
    private long nextRound;
    private long roundTerm;

    Figure8Script(Random random, int electionTicks) {
        this.random = random;
        this.electionTicks = electionTicks;
        this.nextRound = ticks(5 + random.nextInt(20));
    }

    private static long ticks(int n) {
        return n * (long) SimulatedClock.UNITS_PER_TICK;
    }

    /** Drives time-based transitions; {@code partitions} sets the network shape. */
    void act(long now, Cluster cluster, List<Integer> members, java.util.function.Consumer<Partition> partitions) {
        int n = cluster.nodes.size();
        if (phase != Phase.IDLE && now >= phaseDeadline) {
            partitions.accept(Partition.healed(n));
            phase = Phase.IDLE;
            nextRound = now + ticks(10 + random.nextInt(4 * electionTicks));
            return;
        }
        if (phase == Phase.IDLE && now >= nextRound) {
            Optional<SimNode> leader = cluster.leader();
            if (leader.isEmpty()) {
                return;
            }
            NodeStatus s = leader.get().status();
            List<Integer> companions = new ArrayList<>();
            if (members.size() > 3) {
                List<Integer> others = new ArrayList<>(members);
                others.remove(Integer.valueOf(leader.get().index));
                companions.add(others.get(random.nextInt(others.size())));
            }
            roundTerm = s.term();
            partitions.accept(Partition.isolate(leader.get().index, companions, n));
            phase = Phase.ISOLATE_NEXT_LEADER;
            phaseDeadline = now + ticks(6 * electionTicks);
        }
    }

    void onNewLeader(SimNode leader, long term, long now, int n, java.util.function.Consumer<Partition> partitions) {
        if (phase == Phase.ISOLATE_NEXT_LEADER && term > roundTerm) {
            partitions.accept(Partition.isolate(leader.index, List.of(), n));
            roundTerm = term;
            phase = Phase.CUT_AFTER_FIRST_COMMIT;
            phaseDeadline = now + ticks(8 * electionTicks);
        }
    }

    void onFirstCommitAsLeader(SimNode leader, long term, long now, int n, java.util.function.Consumer<Partition> partitions) {
        if (phase == Phase.CUT_AFTER_FIRST_COMMIT && term > roundTerm && leader.status().role() == Role.LEADER) {
            partitions.accept(Partition.isolate(leader.index, List.of(), n));
            phase = Phase.COOLDOWN;
            phaseDeadline = now + ticks(4 * electionTicks);
        }
    }
}
