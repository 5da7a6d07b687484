package io.synod.core.consensus;

/**
 * The leader refused a proposal without appending it (e.g. a leadership transfer is under way, or a
 * configuration change is already pending). Nothing was written; retrying later is safe.
 */
public final class ProposalDroppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProposalDroppedException(String reason) {
        super(reason);
    }
}
