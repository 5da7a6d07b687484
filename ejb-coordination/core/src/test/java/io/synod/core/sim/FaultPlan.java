package io.synod.core.sim;

import java.util.Arrays;
import java.util.Random;

/**
 * Which faults a run suffers and how often, drawn from the seed. Every kind of fault is switched on in
 * roughly half of the seeds, independently, so across seeds all combinations occur. Periods are mean
 * gaps in ticks between two faults of a kind (0 = never).
 *
 * @param voters                initial voting members (the others of the {@code universe} are spares)
 * @param maxSizePerMsg         1 forces one entry per AppendEntries (the Figure 8 interleavings need it)
 * @param preVote               §9.6 pre-vote (off in some seeds: split votes and dueling candidates get common)
 * @param crashAfterVotePercent chance that a node which just granted a vote loses power right after
 * @param isolateLeaderPercent  chance that a newly elected leader is cut off at once, before its first
 *                              appends arrive: leaves entries of many terms on minorities (Figure 8 material)
 * @param figure8               run the {@link Figure8Script} partition choreography (it then owns the partitions)
 * @param tickPeriods           per node, units per tick (10 = nominal; others = clock skew)
 * @param chaosTicks            how long faults are injected before the network heals
 */
public record FaultPlan(
        int voters,
        int universe,
        int clients,
        int electionTicks,
        int heartbeatTicks,
        boolean preVote,
        boolean checkQuorum,
        long maxSizePerMsg,
        int maxInflight,
        int snapshotChunkBytes,
        int snapshotEvery,
        int compactTail,
        NetworkFaults network,
        int partitionEvery,
        int partitionTicks,
        int crashEvery,
        int restartTicks,
        int crashAfterVotePercent,
        int isolateLeaderPercent,
        boolean figure8,
        long[] tickPeriods,
        int pauseEvery,
        int pauseTicks,
        int membershipEvery,
        int transferEvery,
        int chaosTicks) {

    public static FaultPlan choose(Random r) {
        int universe = 5;
        int voters = r.nextBoolean() ? 3 : 5;
        NetworkFaults net = r.nextInt(4) == 0
                ? NetworkFaults.RELIABLE
                : new NetworkFaults(r.nextInt(12), r.nextInt(6), 1, 2 + r.nextInt(25), r.nextInt(6), 60 + r.nextInt(200));
        // A quarter of the seeds run the Figure 8 choreography; it needs one entry per AppendEntries to open
        // the window in which an old-term entry sits on a bare majority without the leader's own entry.
        boolean figure8 = r.nextInt(4) == 0;
        long maxSizePerMsg = figure8 ? (r.nextInt(4) == 0 ? 4096 : 1) : (r.nextBoolean() ? 1 : 4096);
        long[] periods = new long[universe];
        boolean skew = r.nextBoolean();
        for (int i = 0; i < universe; i++) {
            periods[i] = skew ? 5 + r.nextInt(26) : SimulatedClock.UNITS_PER_TICK;
        }
        return new FaultPlan(
                voters,
                universe,
                3 + r.nextInt(3),
                10,
                1 + r.nextInt(3),
                r.nextInt(4) != 0,
                r.nextInt(4) != 0,
                maxSizePerMsg,
                1 + r.nextInt(8),
                16 + r.nextInt(200),
                5 + r.nextInt(40),
                r.nextInt(10),
                net,
                r.nextBoolean() ? 15 + r.nextInt(60) : 0,
                5 + r.nextInt(60),
                r.nextBoolean() ? 20 + r.nextInt(80) : 0,
                1 + r.nextInt(40),
                r.nextBoolean() ? 20 + r.nextInt(70) : 0,
                r.nextBoolean() ? 10 + r.nextInt(50) : 0,
                figure8,
                periods,
                r.nextBoolean() ? 30 + r.nextInt(80) : 0,
                5 + r.nextInt(40),
                r.nextBoolean() ? 20 + r.nextInt(80) : 0,
                r.nextBoolean() ? 20 + r.nextInt(80) : 0,
                250 + r.nextInt(200));
    }

    @Override
    public String toString() {
        return "FaultPlan[voters=" + voters + "/" + universe + " clients=" + clients + " election=" + electionTicks
                + " heartbeat=" + heartbeatTicks + " preVote=" + preVote + " checkQuorum=" + checkQuorum + " maxMsg=" + maxSizePerMsg + " inflight=" + maxInflight
                + " chunk=" + snapshotChunkBytes + " snapshotEvery=" + snapshotEvery + " tail=" + compactTail
                + " net=" + network + " partitionEvery=" + partitionEvery + "/" + partitionTicks
                + " crashEvery=" + crashEvery + "/" + restartTicks + " crashAfterVote=" + crashAfterVotePercent + "%"
                + " isolateNewLeader=" + isolateLeaderPercent + "%" + (figure8 ? " figure8" : "")
                + " periods=" + Arrays.toString(tickPeriods) + " pauseEvery=" + pauseEvery + "/" + pauseTicks
                + " membershipEvery=" + membershipEvery + " transferEvery=" + transferEvery + " chaos=" + chaosTicks + "]";
    }
}
