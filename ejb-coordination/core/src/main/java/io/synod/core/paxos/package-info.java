/**
 * The Multi-Paxos engine, behind the same {@link io.synod.core.consensus.ConsensusNode} SPI, Ready/advance
 * contract and storage ({@code io.synod.core.log}) as Raft: {@code synod.protocol=multipaxos}.
 *
 * <p>Map of the package:
 * <ul>
 *   <li>{@link io.synod.core.paxos.PaxosNode}: the node, its one {@code step} entry point, timers with
 *       randomized backoff, the Ready/advance cycle; every member is an {@code Acceptor} (phase 1b/2b, learning
 *       by commit notification, snapshot install); a voter that lost its leader runs phase 1 as a
 *       {@code Candidate}; the winner is the distinguished proposer, a {@code Leader} (phase 2, learning by a
 *       majority of Accepted, reads, lease, transfer, membership, catch-up);</li>
 *   <li>{@link io.synod.core.paxos.PaxosMessage}: the sealed message family (records);
 *       {@link io.synod.core.paxos.PaxosMessageCodec} its wire form (tags {@code 0x0200..0x02FF} in {@code io.synod.core.codec.MessageCodec}'s envelope);</li>
 *   <li>{@code Ballot} (round, proposer) encoded into a long; {@code SlotLog} (the acceptor's slots over the
 *       shared storage, holes included); {@code ConfigHistory} (which configuration decides which slot);
 *       {@code AcceptorProgress} (probe / replicate / snapshot, pipelining window); {@code QuorumTally}
 *       (phase-1 quorum); {@code SnapshotTransfer} (chunked); the lease, SAFE reads and majority arithmetic are
 *       shared with Raft in {@code io.synod.core.quorum}.</li>
 * </ul>
 *
 * <p>How the Paxos state maps onto the shared SPI: hard state {@code term} = the promised ballot,
 * {@code vote} = the proposer it was promised to, {@code commit} = the chosen prefix known here; a log entry
 * is the value accepted in a slot, its {@code term} the ballot it was accepted under (0 = a hole: nothing
 * accepted; holes are never chosen, reported or applied). A promise and an accepted value reach the Ready
 * that also carries the Promise / Accepted message, with {@code mustSync}: the shell persists them first.
 *
 * <p>Reconfiguration is <b>stop-the-world with a configuration slot</b> ("Paxos Made Moderately Complex" §3
 * with α = 1): a CONF_CHANGE value in slot {@code s} decides the slots after {@code s}; the leader sends
 * nothing past an unchosen configuration slot, so every slot is decided by an already chosen configuration.
 * A configuration slot is only proposed once every slot before it is chosen: its value names the whole
 * resulting configuration, computed from those slots, which therefore can no longer change.
 * One single-server change is pending at a time; learners are included (they receive every slot and the
 * commit notifications, never count, never campaign). Phase 1 needs a majority of the configuration deciding
 * the first unchosen slot and of every configuration among the adopted values.
 *
 * <p>What a shell must do is what it does for Raft (see {@code io.synod.core.raft}): mirror what it made
 * durable into the storage, rebuild the node from storage after a crash, track the applied configuration
 * with {@link io.synod.core.consensus.ConfChangeCodec#confStateAfter(byte[])}, skip NORMAL entries with an
 * empty payload (no-ops), and report unreachable peers. The one difference it may notice: a Ready may carry
 * a snapshot together with entries after it (an acceptor never forgets values accepted past a snapshot).
 */
package io.synod.core.paxos;
