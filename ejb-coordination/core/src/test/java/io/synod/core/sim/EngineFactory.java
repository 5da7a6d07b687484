package io.synod.core.sim;

import io.synod.core.consensus.ConsensusNode;
import io.synod.core.consensus.LogStorage;
import io.synod.core.raft.RaftConfig;

import java.util.Random;

/** How the shell builds an engine instance: at first start and after every restart from disk. */
@FunctionalInterface
public interface EngineFactory {

    ConsensusNode create(RaftConfig config, LogStorage storage, Random random);
}
