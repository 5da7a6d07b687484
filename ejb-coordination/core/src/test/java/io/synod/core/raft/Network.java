package io.synod.core.raft;

import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.TestNetwork;

import java.util.Set;
import java.util.function.Function;

/**
 * A tiny in-test cluster of {@link RaftNode}s: the engine-neutral {@link TestNetwork} with Raft's test
 * configuration. Messages sit in one FIFO until {@link #deliverAll()}; links can be cut and messages filtered,
 * so tests read like protocol traces.
 */
final class Network extends TestNetwork<RaftNode, RaftConfig> {

    Network(Function<NodeId, RaftConfig> configs) {
        super(configs, RaftNode::new, 200);
    }

    static RaftConfig config(NodeId id) {
        return new RaftConfig(id, 7, 10, 1, true, true, 1 << 20, 256, 1024, Set.of());
    }

    /** A group of voters named {@code ids}, all with default test configuration. */
    static Network of(String... ids) {
        return withConfig(Network::config, ids);
    }

    static Network withConfig(Function<NodeId, RaftConfig> configs, String... ids) {
        Network net = new Network(configs);
        net.bootstrap(ids);
        return net;
    }
}
