/**
 * The Raft engine: Ongaro's thesis as a deterministic step function, modelled on etcd-io/raft.
 *
 * <p>Map of the package:
 * <ul>
 *   <li>{@link io.synod.core.raft.RaftNode}: the node, its one {@code step} entry point (terms, votes,
 *       stickiness) and the Ready/advance cycle; role behaviour in {@code FollowerState}, {@code CandidateState}
 *       (pre-vote and election) and {@code LeaderState} (replication, commit, reads, transfer, snapshots);</li>
 *   <li>{@link io.synod.core.raft.RaftMessage}: the sealed message family (records);</li>
 *   <li>{@code RaftLog} = stable {@link io.synod.core.consensus.LogStorage} + {@code UnstableLog};
 *       {@code Membership}: the configuration as the log says it is;</li>
 *   <li>{@code Progress}, {@code Inflights}, {@code ProgressTracker}, {@code MajorityQuorum}: flow control and
 *       the election tally; §6.4 reads and the leader lease use {@code io.synod.core.quorum};
 *       {@code SnapshotSender} / {@code SnapshotAssembler}: chunked InstallSnapshot.</li>
 * </ul>
 *
 * <p>What a shell must do with a {@link io.synod.core.consensus.Ready} (beyond the order documented there):
 * <ul>
 *   <li>mirror into the storage exactly what it made durable, and construct a new {@code RaftNode} over
 *       that storage after a crash; committed entries are handed out again from the snapshot on, since the
 *       state machine is rebuilt from the snapshot;</li>
 *   <li>track the configuration at its applied index from each applied CONF_CHANGE entry with
 *       {@link io.synod.core.consensus.ConfChangeCodec#confStateAfter(byte[])} (not by applying the change to
 *       what it believes the previous configuration was: a member that joined later never saw the bootstrap
 *       configuration) and record it in every snapshot it takes;</li>
 *   <li>skip NORMAL entries with an empty payload: they are the no-ops new leaders append;</li>
 *   <li>report a peer it cannot reach with {@code reportUnreachable}, so replication falls back to probing.</li>
 * </ul>
 */
package io.synod.core.raft;
