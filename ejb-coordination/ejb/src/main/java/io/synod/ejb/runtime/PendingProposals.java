package io.synod.ejb.runtime;

import io.synod.core.codec.CodecException;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.ProposalReceipt;
import io.synod.core.statemachine.ApplyOutcome;
import io.synod.core.statemachine.kv.KvResult;
import io.synod.core.statemachine.kv.KvResultCodec;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Writes this leader proposed and whose outcome the client awaits, by log index. A write succeeded iff the
 * entry applied at its index carries the term of its receipt; an entry of another term there means it was
 * overwritten and never applied. Event-loop only.
 */
final class PendingProposals {

    private record Pending(long term, CompletableFuture<KvResult> future, long startNanos) {
    }

    private final TreeMap<Long, Pending> byIndex = new TreeMap<>();
    private final RuntimeMetrics metrics;

    PendingProposals(RuntimeMetrics metrics) {
        this.metrics = metrics;
    }

    void add(ProposalReceipt receipt, CompletableFuture<KvResult> future, long startNanos) {
        byIndex.put(receipt.index(), new Pending(receipt.term(), future, startNanos));
    }

    /** Complete the client waiting for the entry just applied, if any. */
    void applied(LogEntry entry, ApplyOutcome outcome) {
        Pending p = byIndex.remove(entry.index());
        if (p == null) {
            return;
        }
        if (p.term() != entry.term()) {
            p.future().completeExceptionally(new IndeterminateOutcomeException("the write proposed at index "
                    + entry.index() + " in term " + p.term() + " was replaced by term " + entry.term()
                    + " and not applied there"));
            return;
        }
        metrics.proposalLatency().record(System.nanoTime() - p.startNanos());
        if (outcome instanceof ApplyOutcome.Applied a) {
            complete(p, a.result());
        } else if (outcome instanceof ApplyOutcome.Duplicate d) {
            complete(p, d.result());
        } else if (outcome instanceof ApplyOutcome.Stale s) {
            p.future().completeExceptionally(new IndeterminateOutcomeException(
                    "sequence " + s.sequence() + " is older than the session's last applied " + s.lastSequence()));
        } else if (outcome instanceof ApplyOutcome.SessionExpired e) {
            p.future().completeExceptionally(new IndeterminateOutcomeException(
                    "the client session " + e.clientId() + " was forgotten; an earlier attempt may have applied"));
        } else if (outcome instanceof ApplyOutcome.Rejected r) {
            p.future().completeExceptionally(
                    new IllegalStateException("the replicated state refused the entry: " + r.reason()));
        } else {
            p.future().completeExceptionally(new IndeterminateOutcomeException(
                    "index " + outcome.index() + " was covered by a snapshot before this node applied it"));
        }
    }

    private static void complete(Pending p, byte[] result) {
        try {
            p.future().complete(KvResultCodec.decode(result));
        } catch (CodecException e) {
            p.future().completeExceptionally(new IllegalStateException("undecodable result: " + e.getMessage(), e));
        }
    }

    /** Every waiting write is now of unknown outcome (leadership lost, node stopping). */
    void failAll(String why) {
        for (Map.Entry<Long, Pending> e : byIndex.entrySet()) {
            e.getValue().future().completeExceptionally(new IndeterminateOutcomeException(
                    "outcome of the write at index " + e.getKey() + " is unknown: " + why));
        }
        byIndex.clear();
    }

    /** Writes at or below {@code index} that a snapshot replaced before they were applied here. */
    void failUpTo(long index, String why) {
        var covered = byIndex.headMap(index, true);
        covered.forEach((i, p) -> p.future().completeExceptionally(
                new IndeterminateOutcomeException("outcome of the write at index " + i + " is unknown: " + why)));
        covered.clear();
    }

    int size() {
        return byIndex.size();
    }
}
