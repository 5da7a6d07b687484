/**
 * Engine internals shared by Raft ({@code io.synod.core.raft}) and Multi-Paxos ({@code io.synod.core.paxos}):
 * the majority arithmetic, the leader lease and the quorum-confirmed read queue, which both engines use the
 * same way. Public only so both engine packages can reach them; not part of the consensus SPI, and nothing
 * outside the two engines should depend on them. What is specific to one engine (Raft's election tally,
 * Paxos's phase-1 quorum) stays in that engine.
 */
package io.synod.core.quorum;
