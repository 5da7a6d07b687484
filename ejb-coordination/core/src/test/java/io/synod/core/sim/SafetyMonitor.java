package io.synod.core.sim;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.LogStorage;
import io.synod.core.consensus.NodeId;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Raft's safety properties (thesis Fig. 3.2), checked at every step rather than at the end, so a
 * violation stops the run where it happened:
 * <ul>
 *   <li>election safety: at most one leader per term;</li>
 *   <li>log matching: two stable logs with an entry of the same index and term are identical up to it;</li>
 *   <li>leader completeness: every committed entry is in the log of every later leader;</li>
 *   <li>state machine safety: no two nodes apply different entries at one index, and snapshots of the
 *       state at one index are byte-identical.</li>
 * </ul>
 * "Committed" here means applied by some node: the strongest evidence of commitment the shell has.
 *
 * <p>For Multi-Paxos the same hooks check the Paxos properties instead: at most one leader per ballot; one
 * value per (slot, ballot) across every acceptor's stable log (a ballot's proposer proposes one value per
 * slot); and at most one value chosen per slot — no two nodes learn (apply) different values for a slot,
 * whatever ballot each holds it under (a chosen value is re-accepted under later ballots), so applied
 * prefixes are identical. Raft's log matching and leader completeness do not hold for Paxos logs (slots are
 * independent, a new leader's log is complete only after phase 1) and are not checked there.
 */
public final class SafetyMonitor {

    private record IndexTerm(long index, long term) {
    }

    private final Map<Long, NodeId> leaderOfTerm = new HashMap<>();
    private final Map<IndexTerm, Long> chainOf = new HashMap<>();
    private final Map<Long, Long> appliedDigest = new HashMap<>();
    private final Map<Long, Long> appliedTerm = new HashMap<>();
    private final Map<Long, Long> snapshotDigest = new HashMap<>();
    private final Map<Long, NodeId> firstApplier = new HashMap<>();
    /** Per (upper bound of the) term an entry was committed in, the highest such index. */
    private final TreeMap<Long, Long> lastCommittedIndexByTerm = new TreeMap<>();
    private long maxCommitted;
    private long checks;
    private final boolean paxos;

    public SafetyMonitor() {
        this(Engine.RAFT);
    }

    public SafetyMonitor(Engine engine) {
        this.paxos = engine == Engine.MULTIPAXOS;
    }

    /** Called whenever a node is seen leading {@code term}; returns whether this is news. */
    public boolean onLeader(NodeId node, long term, LogStorage log) {
        checks++;
        NodeId previous = leaderOfTerm.putIfAbsent(term, node);
        if (previous != null && !previous.equals(node)) {
            throw new InvariantViolation("election safety: both " + previous + " and " + node + " lead term " + term);
        }
        if (previous == null && !paxos) {
            checkCompleteness(node, term, log);
        }
        return previous == null;
    }

    /**
     * Entries committed in earlier terms must be in the new leader's log. "Committed in" is the term of
     * the leadership under which the entry became committed, not the entry's own term: a candidate whose
     * election stalled (a GC pause with a vote still in flight) may win term T after a leader of T+1
     * committed old entries it lacks, and that is allowed. We do not observe the committing term
     * directly; the term of the first node to apply the entry, at that moment, is an upper bound, which
     * only makes this check skip a few leaders, never flag a correct one. Among the entries committed
     * before T, the one with the highest index stands for all of them (log matching covers the prefix).
     */
    private void checkCompleteness(NodeId node, long term, LogStorage log) {
        long index = 0;
        for (long maxIndex : lastCommittedIndexByTerm.headMap(term, false).values()) {
            index = Math.max(index, maxIndex);
        }
        if (index == 0) {
            return;
        }
        long committedTerm = appliedTerm.get(index);
        if (log.lastIndex() < index) {
            throw new InvariantViolation("leader completeness: " + node + " leads term " + term + " with last index "
                    + log.lastIndex() + " but entry " + index + "/" + committedTerm + " was committed before term "
                    + term + " (applied by " + firstApplier.get(index) + ")");
        }
        if (index >= log.firstIndex() - 1 && log.term(index) != committedTerm) {
            throw new InvariantViolation("leader completeness: " + node + " leads term " + term + " holding entry "
                    + index + "/" + log.term(index) + " but " + index + "/" + committedTerm
                    + " was committed before term " + term + " (applied by " + firstApplier.get(index) + ")");
        }
    }

    /** The chain value standing for a snapshot or compaction point at {@code (index, term)}. */
    public long baseHash(long index, long term) {
        return chainOf.computeIfAbsent(new IndexTerm(index, term), k -> Fingerprint.mix(index, term));
    }

    /** A node made {@code e} part of its stable log; {@code chain} is its chain after appending it. */
    public void onStable(NodeId node, LogEntry e, long chain) {
        checks++;
        if (paxos) {
            if (e.term() == 0) {
                return; // a hole: nothing accepted in that slot
            }
            long value = valueDigest(e);
            Long other = chainOf.putIfAbsent(new IndexTerm(e.index(), e.term()), value);
            if (other != null && other != value) {
                throw new InvariantViolation("one value per ballot: " + node + " accepted slot " + e.index()
                        + " under ballot " + e.term() + " with a value another acceptor holds differently");
            }
            return;
        }
        Long other = chainOf.putIfAbsent(new IndexTerm(e.index(), e.term()), chain);
        if (other != null && other != chain) {
            throw new InvariantViolation("log matching: " + node + " holds entry " + e.index() + "/" + e.term()
                    + " but its content or the log before it differs from another node's entry " + e.index() + "/" + e.term());
        }
    }

    /** A node in term {@code nodeTerm} applied {@code e} to its state machine. */
    public void onApplied(NodeId node, LogEntry e, long nodeTerm) {
        checks++;
        long digest = paxos ? valueDigest(e) : Fingerprint.of(e);
        Long other = appliedDigest.putIfAbsent(e.index(), digest);
        if (other == null) {
            appliedTerm.put(e.index(), e.term());
            firstApplier.put(e.index(), node);
            maxCommitted = Math.max(maxCommitted, e.index());
            lastCommittedIndexByTerm.merge(nodeTerm, e.index(), Math::max);
        } else if (other != digest) {
            throw new InvariantViolation((paxos ? "one value chosen per slot: " : "state machine safety: ")
                    + node + " applied entry " + e.index() + "/" + e.term()
                    + " but " + firstApplier.get(e.index()) + " applied " + e.index() + "/" + appliedTerm.get(e.index())
                    + " (a different entry) at that index");
        }
    }

    /** A node's state machine image at {@code index} (a local snapshot, or one installed from the leader). */
    public void onStateImage(NodeId node, long index, byte[] image) {
        checks++;
        long digest = Fingerprint.of(image);
        Long other = snapshotDigest.putIfAbsent(index, digest);
        if (other != null && other != digest) {
            throw new InvariantViolation("state machine safety: " + node + "'s state at index " + index
                    + " differs from another node's state at the same index");
        }
    }

    /**
     * Multi-Paxos: an applied configuration slot must describe the configuration its change makes of the one
     * applied before it (its payload is self-describing, computed by the proposer from the slots before it).
     * Skipped while the node does not know the configuration before (a joiner never saw the bootstrap one).
     */
    public void onConfChangeApplied(NodeId node, long index, ConfState before, ConfChange change, ConfState after) {
        checks++;
        if (!paxos || before.voters().isEmpty()) {
            return;
        }
        ConfState expected;
        try {
            expected = change.applyTo(before);
        } catch (IllegalArgumentException invalid) {
            throw new InvariantViolation("configuration: " + node + " applied " + change + " at " + index
                    + " which is invalid on " + before);
        }
        if (!expected.equals(after)) {
            throw new InvariantViolation("configuration: " + node + " applied " + change + " at " + index + " as "
                    + after + " but it makes " + expected + " of the configuration before it, " + before);
        }
    }

    /** The value of a slot without the ballot it is held under. */
    private static long valueDigest(LogEntry e) {
        return Fingerprint.mix(Fingerprint.mix(e.index(), e.type().ordinal()), Fingerprint.of(e.data()));
    }

    public long checks() {
        return checks;
    }

    public long maxCommitted() {
        return maxCommitted;
    }

    public int termsWithLeader() {
        return leaderOfTerm.size();
    }
}
