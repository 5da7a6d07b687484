package io.synod.benchmarks.raft;

import io.synod.core.consensus.ProposalReceipt;
import io.synod.core.consensus.ReadMode;
import io.synod.core.consensus.ReadState;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the Raft engine itself: a 3-voter {@link InMemoryCluster} (MemoryLogStorage, no WAL, no
 * fsync, no codec, no network), driven by one thread. Nothing here is durable; compare with
 * {@code WalAppendBenchmark} to see what the disk costs on top.
 *
 * <ul>
 *   <li>{@link #proposeBatch}: one op = the leader takes {@code batchSize} proposals of 100 B, then the driver
 *       pumps Ready/advance/deliver until the cluster is quiet, and checks every member applied the last
 *       one. Primary score: rounds/s; the {@code proposals} secondary score: committed proposals/s.</li>
 *   <li>{@link #readIndexSafe}: one op = one {@code readIndex(ctx, SAFE)} on the leader (a heartbeat round
 *       confirmed by a quorum), pumped until its ReadState is released. Score: linearizable reads/s.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
public class RaftClusterBenchmark {

    static final int PROPOSAL_BYTES = 100;
    static final int NODES = 3;
    static final long CLUSTER_SEED = 42;
    static final long PAYLOAD_SEED = 7;
    /** Snapshot + compact all logs every this many applied entries (bounded memory on long runs). */
    static final long COMPACT_EVERY = 16_384;

    /** A fresh, elected cluster per iteration (same seeds each time). */
    @State(Scope.Thread)
    public static class Cluster {
        InMemoryCluster cluster;
        InMemoryCluster.Member leader;
        final byte[] template = new byte[PROPOSAL_BYTES];
        long seq;

        @Setup(Level.Iteration)
        public void start() {
            new Random(PAYLOAD_SEED).nextBytes(template);
            cluster = new InMemoryCluster(NODES, CLUSTER_SEED, COMPACT_EVERY);
            leader = cluster.electFirst();
            seq = 0;
        }

        @TearDown(Level.Iteration)
        public void check() {
            // Every member applied the same proposals: a benchmark of a cluster that lost entries is worthless.
            long expected = cluster.members().get(0).appliedEntries;
            for (InMemoryCluster.Member m : cluster.members()) {
                if (m.appliedEntries != expected || m.appliedIndex != leader.appliedIndex) {
                    throw new IllegalStateException("members diverged: " + m.id + " applied " + m.appliedEntries
                            + " entries up to " + m.appliedIndex + ", n1 " + expected + " up to " + leader.appliedIndex);
                }
            }
        }

        /** A fresh 100-byte command, as a client would hand over (the engine keeps the array). */
        byte[] nextPayload() {
            byte[] p = template.clone();
            long s = ++seq;
            for (int i = 0; i < 8; i++) {
                p[i] = (byte) (s >>> (8 * i));
            }
            return p;
        }
    }

    @State(Scope.Thread)
    public static class Batch {
        @Param({"1", "16", "256"})
        public int batchSize;
    }

    /** Committed (and applied on all three members) proposals, reported per second next to the round rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Proposals {
        public long proposals;

        @Setup(Level.Iteration)
        public void reset() {
            proposals = 0;
        }
    }

    @Benchmark
    public long proposeBatch(Cluster state, Batch batch, Proposals counter) {
        ProposalReceipt last = null;
        for (int i = 0; i < batch.batchSize; i++) {
            last = state.leader.node.propose(state.nextPayload());
        }
        state.cluster.pump();
        state.cluster.requireAppliedEverywhere(last.index());
        state.cluster.maybeCompact();
        counter.proposals += batch.batchSize;
        return last.index();
    }

    @Benchmark
    public long readIndexSafe(Cluster state) {
        long s = ++state.seq;
        byte[] ctx = new byte[8];
        for (int i = 0; i < 8; i++) {
            ctx[i] = (byte) (s >>> (8 * i));
        }
        state.leader.node.readIndex(ctx, ReadMode.SAFE);
        state.cluster.pump();
        List<ReadState> reads = state.leader.reads;
        if (reads.size() != 1 || !java.util.Arrays.equals(reads.get(0).context(), ctx)) {
            throw new IllegalStateException("read " + s + " not released: " + reads);
        }
        long index = reads.get(0).index();
        if (index > state.leader.appliedIndex) {
            throw new IllegalStateException("read index " + index + " beyond applied " + state.leader.appliedIndex);
        }
        reads.clear();
        return index;
    }
}
