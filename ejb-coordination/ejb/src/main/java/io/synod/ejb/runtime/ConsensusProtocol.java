package io.synod.ejb.runtime;

import io.synod.core.codec.MessageCodec;
import io.synod.core.codec.MessageLimits;
import io.synod.core.consensus.ConsensusNode;
import io.synod.core.consensus.LogStorage;
import io.synod.core.consensus.NodeId;
import io.synod.core.paxos.PaxosConfig;
import io.synod.core.paxos.PaxosMessageCodec;
import io.synod.core.paxos.PaxosNode;
import io.synod.core.raft.RaftConfig;
import io.synod.core.raft.RaftMessageCodec;
import io.synod.core.raft.RaftNode;

import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The consensus engine a member runs ({@code synod.protocol}). Both sit behind the same {@link ConsensusNode}
 * SPI and the same durable storage, so the runtime differs only in which node it builds and which message
 * family its transport speaks. A whole cluster runs one protocol: the data directory records it
 * ({@link ProtocolMarker}) and the transport handshake refuses a peer speaking the other one.
 */
public enum ConsensusProtocol {

    RAFT("raft") {
        @Override
        ConsensusNode newNode(NodeId id, int electionTicks, int heartbeatTicks, LogStorage storage, Random random) {
            // pre-vote and check-quorum on: a partitioned member must not disrupt the others when it returns
            return new RaftNode(new RaftConfig(id, 0, electionTicks, heartbeatTicks, true, true, MAX_BATCH_BYTES,
                    WINDOW, SNAPSHOT_CHUNK_BYTES, Set.of()), storage, random);
        }

        @Override
        MessageCodec codec(MessageLimits limits) {
            return RaftMessageCodec.standalone(limits);
        }
    },

    MULTIPAXOS("multipaxos") {
        @Override
        ConsensusNode newNode(NodeId id, int electionTicks, int heartbeatTicks, LogStorage storage, Random random) {
            return new PaxosNode(new PaxosConfig(id, 0, electionTicks, heartbeatTicks, MAX_BATCH_BYTES, WINDOW,
                    SNAPSHOT_CHUNK_BYTES, Set.of()), storage, random);
        }

        @Override
        MessageCodec codec(MessageLimits limits) {
            return PaxosMessageCodec.standalone(limits);
        }
    };

    // The same batching, pipelining and chunking for both engines: they share the MessageLimits of the wire.
    private static final int MAX_BATCH_BYTES = 1 << 20;
    private static final int WINDOW = 256;
    private static final int SNAPSHOT_CHUNK_BYTES = 256 * 1024;

    private final String configName;

    ConsensusProtocol(String configName) {
        this.configName = configName;
    }

    /** The value of {@code synod.protocol}, also what the data directory and the handshake record. */
    public String configName() {
        return configName;
    }

    public static Optional<ConsensusProtocol> ofConfigName(String name) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst();
    }

    /** A new engine over {@code storage} (pristine, or holding this protocol's state). */
    abstract ConsensusNode newNode(NodeId id, int electionTicks, int heartbeatTicks, LogStorage storage, Random random);

    /** The codec for this engine's message family alone: a frame of the other family is refused as malformed. */
    abstract MessageCodec codec(MessageLimits limits);

    @Override
    public String toString() {
        return configName;
    }
}
