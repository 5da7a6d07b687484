package io.synod.core.paxos;

import io.synod.core.consensus.NodeId;

import java.nio.charset.StandardCharsets;

/**
 * A proposal number: (round, proposer). "Paxos Made Simple" §2.2 needs proposal numbers that are totally
 * ordered and never issued twice; Multi-Paxos reuses one for a whole leadership. Encoded into one long (the
 * {@code term} of {@code HardState} and {@code LogEntry}): round in the high 32 bits, a 31-bit tag of the
 * proposer's id in the low bits, so comparing the longs compares (round, tag).
 *
 * <p>The tag is a hash, so two members could collide; the leader refuses a membership change that would
 * bring a colliding id into the group ({@link Leader#proposeConfChange}), which keeps ballots unique among
 * members. Encoded 0 means "nothing promised / nothing accepted".
 */
record Ballot(long round, int tag) implements Comparable<Ballot> {

    static final Ballot ZERO = new Ballot(0, 0);
    private static final long MAX_ROUND = (1L << 32) - 1;

    Ballot {
        if (round < 0 || round > MAX_ROUND || tag < 0) {
            throw new IllegalArgumentException("bad ballot (" + round + ", " + tag + ")");
        }
    }

    static Ballot of(long round, NodeId proposer) {
        return new Ballot(round, tagOf(proposer));
    }

    static Ballot decode(long encoded) {
        return new Ballot(encoded >>> 31, (int) (encoded & 0x7fff_ffffL));
    }

    long encode() {
        return (round << 31) | tag;
    }

    /** FNV-1a over the id's UTF-8 bytes, cut to 31 bits: stable across JVMs and restarts. */
    static int tagOf(NodeId id) {
        int h = 0x811c9dc5;
        for (byte b : id.value().getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return h & 0x7fff_ffff;
    }

    boolean ownedBy(NodeId id) {
        return tag == tagOf(id);
    }

    @Override
    public int compareTo(Ballot o) {
        return Long.compare(encode(), o.encode());
    }

    @Override
    public String toString() {
        return "b" + round + "." + tag;
    }
}
