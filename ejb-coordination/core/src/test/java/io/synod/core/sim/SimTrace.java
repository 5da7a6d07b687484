package io.synod.core.sim;

import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.Message;
import io.synod.core.paxos.PaxosMessage;
import io.synod.core.raft.RaftMessage;

/**
 * Everything that happened in one run, as a running 64-bit hash (two runs of one seed must agree on it)
 * plus the last few hundred events kept for the failure report. Events are formatted only when reported.
 */
public final class SimTrace {

    private record Event(long time, String kind, int node, Object detail) {
        @Override
        public String toString() {
            return String.format("%7d %-10s %s %s", time, kind, node < 0 ? "  " : "n" + (node + 1), detail);
        }
    }

    private static final int KEEP = Math.max(400, Integer.getInteger("synod.sim.tail", 0));
    private final Event[] recent = new Event[KEEP];
    private long count;
    private long hash = 17;

    public void event(long time, String kind, int node, Object detail) {
        hash = Fingerprint.mix(Fingerprint.mix(Fingerprint.mix(hash, time), kind.hashCode()), node);
        hash = Fingerprint.mix(hash, digest(detail));
        recent[(int) (count % KEEP)] = new Event(time, kind, node, detail);
        count++;
    }

    public long hash() {
        return hash;
    }

    public long count() {
        return count;
    }

    /** The last {@code n} events, oldest first. */
    public String tail(int n) {
        StringBuilder sb = new StringBuilder();
        long from = Math.max(0, count - Math.min(n, KEEP));
        for (long i = from; i < count; i++) {
            sb.append("\n  ").append(recent[(int) (i % KEEP)]);
        }
        return sb.toString();
    }

    private static long digest(Object detail) {
        if (detail instanceof Long l) {
            return l;
        }
        if (detail instanceof Integer i) {
            return i;
        }
        if (detail instanceof RaftMessage m) {
            return digest(m);
        }
        if (detail instanceof PaxosMessage m) {
            return digest(m);
        }
        if (detail instanceof Message m) {
            return Fingerprint.mix(Fingerprint.of(m.from().value()), Fingerprint.of(m.to().value()));
        }
        // Strings and records of strings and numbers: toString is stable across JVMs.
        return detail == null ? 0 : Fingerprint.of(detail.toString());
    }

    /** Field by field, as for Raft. */
    private static long digest(PaxosMessage m) {
        long h = Fingerprint.mix(Fingerprint.of(m.from().value()), Fingerprint.of(m.to().value()));
        h = Fingerprint.mix(h, m.ballot());
        if (m instanceof PaxosMessage.Prepare p) {
            return Fingerprint.mix(Fingerprint.mix(h, 21), p.fromSlot() * 2 + (p.transfer() ? 1 : 0));
        } else if (m instanceof PaxosMessage.Promise p) {
            h = Fingerprint.mix(Fingerprint.mix(Fingerprint.mix(h, 22), p.fromSlot()), p.snapshotIndex());
            for (LogEntry e : p.accepted()) {
                h = Fingerprint.mix(h, Fingerprint.of(e));
            }
            return h;
        } else if (m instanceof PaxosMessage.Accept a) {
            h = Fingerprint.mix(h, 23);
            for (LogEntry e : a.entries()) {
                h = Fingerprint.mix(h, Fingerprint.of(e));
            }
            return Fingerprint.mix(h, a.commit());
        } else if (m instanceof PaxosMessage.Accepted a) {
            return Fingerprint.mix(Fingerprint.mix(Fingerprint.mix(h, 24), a.matched()), a.lastSlot());
        } else if (m instanceof PaxosMessage.Heartbeat hb) {
            return Fingerprint.mix(Fingerprint.mix(Fingerprint.mix(h, 25), hb.commit()), hb.readSeq());
        } else if (m instanceof PaxosMessage.HeartbeatAck a) {
            return Fingerprint.mix(Fingerprint.mix(Fingerprint.mix(h, 26), a.matched()), a.readSeq());
        } else if (m instanceof PaxosMessage.Nack n) {
            return Fingerprint.mix(Fingerprint.mix(h, 27), n.promised());
        } else if (m instanceof PaxosMessage.SnapshotChunk c) {
            return Fingerprint.mix(Fingerprint.mix(Fingerprint.mix(h, 28), c.metadata().index()), c.offset());
        } else if (m instanceof PaxosMessage.SnapshotAck a) {
            return Fingerprint.mix(Fingerprint.mix(h, 29), a.nextOffset());
        }
        return Fingerprint.mix(h, 30);
    }

    /** Field by field: record hashCodes are not stable across JVMs when they reach an enum. */
    private static long digest(RaftMessage m) {
        long h = Fingerprint.mix(Fingerprint.of(m.from().value()), Fingerprint.of(m.to().value()));
        h = Fingerprint.mix(h, m.term());
        if (m instanceof RaftMessage.AppendEntries a) {
            h = Fingerprint.mix(Fingerprint.mix(Fingerprint.mix(h, 1), a.prevIndex()), a.prevTerm());
            for (LogEntry e : a.entries()) {
                h = Fingerprint.mix(h, Fingerprint.of(e));
            }
            return Fingerprint.mix(h, a.leaderCommit());
        } else if (m instanceof RaftMessage.AppendResponse r) {
            return Fingerprint.mix(Fingerprint.mix(Fingerprint.mix(h, 2), r.index()), r.reject() ? r.rejectHint() : -1);
        } else if (m instanceof RaftMessage.RequestVote v) {
            return Fingerprint.mix(Fingerprint.mix(Fingerprint.mix(h, v.preVote() ? 3 : 4), v.lastIndex()), v.lastTerm());
        } else if (m instanceof RaftMessage.VoteResponse v) {
            return Fingerprint.mix(h, (v.preVote() ? 5 : 6) * 2 + (v.granted() ? 1 : 0));
        } else if (m instanceof RaftMessage.Heartbeat hb) {
            return Fingerprint.mix(Fingerprint.mix(Fingerprint.mix(h, 7), hb.commit()), hb.readSeq());
        } else if (m instanceof RaftMessage.HeartbeatResponse hr) {
            return Fingerprint.mix(Fingerprint.mix(h, 8), hr.readSeq());
        } else if (m instanceof RaftMessage.InstallSnapshot s) {
            return Fingerprint.mix(Fingerprint.mix(Fingerprint.mix(h, 9), s.metadata().index()), s.offset());
        } else if (m instanceof RaftMessage.SnapshotResponse s) {
            return Fingerprint.mix(Fingerprint.mix(h, 10), s.nextOffset());
        }
        return Fingerprint.mix(h, 11);
    }
}
