package io.synod.ejb.runtime;

import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.ProposalReceipt;
import io.synod.core.statemachine.ApplyOutcome;
import io.synod.ejb.transport.ClientFrame;
import io.synod.ejb.transport.ClientFrame.Verdict;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes this leader proposed and whose outcome a requester awaits (this node's own {@link OutstandingRequests}
 * or a follower that forwarded them), by log index. A write succeeded iff the entry applied at its index carries
 * the term of its receipt; an entry of another term there means it was overwritten and never applied there.
 * Each ends in one reply frame; event-loop only.
 */
final class PendingProposals {

    private record Pending(long term, long correlation, Consumer<ClientFrame> reply, long startNanos) {
    }

    private final TreeMap<Long, Pending> byIndex = new TreeMap<>();
    private final RuntimeMetrics metrics;

    PendingProposals(RuntimeMetrics metrics) {
        this.metrics = metrics;
    }

    void add(ProposalReceipt receipt, long correlation, Consumer<ClientFrame> reply, long startNanos) {
        byIndex.put(receipt.index(), new Pending(receipt.term(), correlation, reply, startNanos));
    }

    /** Answer the requester waiting for the entry just applied, if any. */
    void applied(LogEntry entry, ApplyOutcome outcome) {
        Pending p = byIndex.remove(entry.index());
        if (p == null) {
            return;
        }
        if (p.term() != entry.term()) {
            // not applied at this index; a retry of the same sequence is still safe (the filter answers it)
            refuse(p, Verdict.UNKNOWN, "the write proposed at index " + entry.index() + " in term " + p.term()
                    + " was replaced by term " + entry.term());
            return;
        }
        metrics.proposalLatency().record(System.nanoTime() - p.startNanos());
        if (outcome instanceof ApplyOutcome.Applied a) {
            p.reply().accept(new ClientFrame.WriteReply(p.correlation(), a.result()));
        } else if (outcome instanceof ApplyOutcome.Duplicate d) {
            p.reply().accept(new ClientFrame.WriteReply(p.correlation(), d.result()));
        } else if (outcome instanceof ApplyOutcome.Stale s) {
            refuse(p, Verdict.INDETERMINATE, "sequence " + s.sequence() + " is older than the session's last"
                    + " applied " + s.lastSequence());
        } else if (outcome instanceof ApplyOutcome.SessionExpired e) {
            refuse(p, Verdict.INDETERMINATE, "the client session " + e.clientId() + " was forgotten; an earlier"
                    + " attempt may have applied");
        } else if (outcome instanceof ApplyOutcome.Rejected r) {
            refuse(p, Verdict.FAILED, "the replicated state refused the entry: " + r.reason());
        } else {
            refuse(p, Verdict.UNKNOWN, "index " + outcome.index() + " was covered by a snapshot before this node"
                    + " applied it");
        }
    }

    /** Every waiting write is now of unknown outcome (leadership lost, node stopping); the requester may retry. */
    void failAll(String why) {
        for (Map.Entry<Long, Pending> e : byIndex.entrySet()) {
            refuse(e.getValue(), Verdict.UNKNOWN, "outcome of the write at index " + e.getKey() + " is unknown: " + why);
        }
        byIndex.clear();
    }

    /** Writes at or below {@code index} that a snapshot replaced before they were applied here. */
    void failUpTo(long index, String why) {
        var covered = byIndex.headMap(index, true);
        covered.forEach((i, p) -> refuse(p, Verdict.UNKNOWN, "outcome of the write at index " + i + " is unknown: "
                + why));
        covered.clear();
    }

    private static void refuse(Pending p, Verdict verdict, String detail) {
        p.reply().accept(new ClientFrame.Refusal(p.correlation(), verdict, Optional.empty(), detail));
    }

    int size() {
        return byIndex.size();
    }
}
