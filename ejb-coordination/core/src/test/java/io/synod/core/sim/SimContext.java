package io.synod.core.sim;

/**
 * What every simulated node shares: the wire, the clock, the invariant monitor, the trace, the client
 * connections and the operator's view of membership changes.
 *
 * @param snapshotEvery take a local snapshot once this many entries were applied since the last one
 * @param compactTail   entries kept behind a snapshot for slow followers
 */
record SimContext(SimulatedNetwork network, SimulatedClock clock, SafetyMonitor monitor, SimTrace trace,
                  ClientResponder responder, MembershipListener membership, int snapshotEvery, int compactTail,
                  CoordinationHub coordination) {

    /** Told when a node applies a configuration change (the operator's tooling watches for these). */
    interface MembershipListener {
        void onConfChangeApplied(SimNode node, io.synod.core.consensus.ConfChange change, long index, long term);

        /** A node was just seen leading {@code term} for the first time (the nemesis may cut it off at once). */
        void onNewLeader(SimNode node, long term);

        /** A leader advanced its commit index for the first time in {@code term}: it just got established. */
        void onFirstCommitAsLeader(SimNode node, long term);
    }
}
