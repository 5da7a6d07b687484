package io.synod.ejb.kv;

import io.synod.api.IndeterminateOutcomeException;
import io.synod.api.InvalidKeyException;
import io.synod.api.InvalidRequestException;
import io.synod.api.SynodException;
import io.synod.api.SynodUnavailableException;
import io.synod.api.ValueTooLargeException;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.NotLeaderException;
import io.synod.core.consensus.ProposalDroppedException;
import io.synod.core.statemachine.kv.KvValidationException;
import io.synod.core.statemachine.kv.KvViolation;
import io.synod.ejb.runtime.NodeStoppedException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what the runtime fails with into the API's exceptions, so applications and the ops API see one typed
 * vocabulary: bad input (nothing changed), unavailable (nothing changed, retry later), indeterminate (a write may
 * have happened).
 */
public final class KvFailures {

    private KvFailures() {
    }

    /** @param write whether the request was a write: an unanswered write may still be applied, a read changes nothing */
    public static SynodException translate(Throwable failure, boolean write) {
        Throwable cause = unwrap(failure);
        if (cause instanceof SynodException already) {
            return already;
        }
        if (cause instanceof KvValidationException invalid) {
            return invalid(invalid.violation(), invalid.getMessage());
        }
        if (cause instanceof io.synod.ejb.runtime.IndeterminateOutcomeException indeterminate) {
            return new IndeterminateOutcomeException(indeterminate.getMessage(), indeterminate);
        }
        if (cause instanceof NotLeaderException notLeader) {
            return new SynodUnavailableException("no leader could take the request (leader: "
                    + notLeader.leaderHint().map(NodeId::value).orElse("unknown") + "); nothing was changed, retry later",
                    notLeader);
        }
        if (cause instanceof io.synod.ejb.runtime.NoLeaderException noLeader) {
            return new SynodUnavailableException(noLeader.getMessage() + "; nothing was changed, retry later", noLeader);
        }
        if (cause instanceof io.synod.ejb.runtime.RequestRejectedException rejected) {
            return new InvalidRequestException("the leader refused the request: " + rejected.getMessage());
        }
        if (cause instanceof ProposalDroppedException || cause instanceof NodeStoppedException) {
            return new SynodUnavailableException("the node did not take the request (" + cause.getMessage()
                    + "); nothing was changed, retry later", cause);
        }
        if (cause instanceof TimeoutException) {
            return write
                    ? new IndeterminateOutcomeException("no answer in time: the write may or may not be applied; read before retrying", cause)
                    : new SynodUnavailableException("no answer in time; retry later", cause);
        }
        return write
                ? new IndeterminateOutcomeException("the write failed with an unexpected error: " + cause, cause)
                : new SynodException("the read failed: " + cause, cause);
    }

    /** The API exception for a broken rule, whether found before proposing or replicated as a rejection. */
    static InvalidRequestException invalid(KvViolation violation, String message) {
        return switch (violation) {
            case INVALID_KEY -> new InvalidKeyException(message);
            case VALUE_TOO_LARGE -> new ValueTooLargeException(message);
            default -> new InvalidRequestException(message);
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
