package io.synod.core.consensus;

/**
 * Where a proposal landed in the leader's log. The proposal succeeded iff the entry committed at
 * {@code index} carries {@code term}; a different term at that index means it was overwritten and lost.
 */
public record ProposalReceipt(long index, long term) {
}
