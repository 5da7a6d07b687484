package io.synod.core.paxos;

import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.TestNetwork;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A tiny in-test Multi-Paxos group of {@link PaxosNode}s: the engine-neutral {@link TestNetwork} with Paxos's
 * test configuration. Messages sit in one FIFO until {@link #deliverAll()}; links can be cut and messages
 * filtered, so tests read like protocol traces.
 *
 * <p>It also checks the Paxos safety invariant on every applied slot: once any member learned a value for a
 * slot, no member learns another one ({@link #violations}).
 */
final class PaxosNetwork extends TestNetwork<PaxosNode, PaxosConfig> {

    /** Slot -> the value first learned for it by any member (type:data). */
    final Map<Long, String> chosen = new HashMap<>();
    final List<String> violations = new ArrayList<>();

    PaxosNetwork(Function<NodeId, PaxosConfig> configs) {
        super(configs, PaxosNode::new, 300);
    }

    static PaxosConfig config(NodeId id) {
        return new PaxosConfig(id, 7, 10, 1, 1 << 20, 256, 1024, Set.of());
    }

    static PaxosNetwork of(String... ids) {
        return withConfig(PaxosNetwork::config, ids);
    }

    static PaxosNetwork withConfig(Function<NodeId, PaxosConfig> configs, String... ids) {
        PaxosNetwork net = new PaxosNetwork(configs);
        net.bootstrap(ids);
        return net;
    }

    @Override
    protected void beforeApply(Member<PaxosNode> m, LogEntry e) {
        if (e.index() != m.appliedIndex + 1) {
            violations.add(m.id + " applied slot " + e.index() + " after " + m.appliedIndex);
        }
        String value = e.type() + ":" + new String(e.data(), StandardCharsets.UTF_8);
        String first = chosen.putIfAbsent(e.index(), value);
        if (first != null && !first.equals(value)) {
            violations.add("slot " + e.index() + ": " + m.id + " learned " + value + " but " + first
                    + " was learned before");
        }
    }
}
