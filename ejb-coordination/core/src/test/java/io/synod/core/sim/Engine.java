package io.synod.core.sim;

import io.synod.core.paxos.PaxosConfig;
import io.synod.core.paxos.PaxosInjectedBug;
import io.synod.core.paxos.PaxosNode;
import io.synod.core.raft.RaftConfig;
import io.synod.core.raft.RaftNode;

import java.util.Locale;
import java.util.Set;

/**
 * The consensus engines the simulation runs ({@code synod.protocol=raft|multipaxos}): every seed runs on
 * each. The fault plan's settings are shared; what only one engine has (pre-vote, check-quorum for Raft)
 * the other ignores, and each engine gets its own injected bugs.
 */
public enum Engine {

    RAFT {
        @Override
        EngineFactory factory(Set<PaxosInjectedBug> paxosBugs) {
            return RaftNode::new;
        }
    },

    MULTIPAXOS {
        @Override
        EngineFactory factory(Set<PaxosInjectedBug> paxosBugs) {
            return (config, storage, random) -> new PaxosNode(paxosConfig(config, paxosBugs), storage, random);
        }
    };

    /** How the shell builds this engine, with {@code paxosBugs} injected into Multi-Paxos (ignored by Raft). */
    abstract EngineFactory factory(Set<PaxosInjectedBug> paxosBugs);

    /** The value of {@code synod.protocol} (and of {@code -Dsynod.sim.engine}) naming this engine. */
    public String protocol() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The same timing, batching and snapshot settings as the Raft configuration the plan produced. */
    static PaxosConfig paxosConfig(RaftConfig raft, Set<PaxosInjectedBug> bugs) {
        return new PaxosConfig(raft.id(), raft.groupId(), raft.electionTicks(), raft.heartbeatTicks(),
                raft.maxSizePerMsg(), raft.maxInflightMsgs(), raft.snapshotChunkBytes(), bugs);
    }
}
