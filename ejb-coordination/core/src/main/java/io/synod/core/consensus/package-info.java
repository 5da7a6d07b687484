/**
 * The consensus SPI: the vocabulary every engine (Raft in {@code io.synod.core.raft}, Multi-Paxos in
 * {@code io.synod.core.paxos}), the storage module ({@code io.synod.core.log}) and the shells agree on.
 *
 * <p>An engine is a {@link io.synod.core.consensus.ConsensusNode}: a deterministic step function with no
 * I/O of its own. The shell feeds it ticks, messages and proposals, takes a {@link io.synod.core.consensus.Ready}
 * batch, persists it, sends its messages, applies its committed entries, and calls {@code advance}.
 */
package io.synod.core.consensus;
