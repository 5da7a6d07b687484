package io.synod.core.consensus;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * The payload of a {@link EntryType#CONF_CHANGE} entry: the change and the whole configuration it results
 * in. Self-describing on purpose: a member that joined later never saw the bootstrap configuration (it is in
 * no log entry), yet from the entry that added it on it knows the exact configuration, and so does its shell,
 * which must record the configuration at its applied index in every snapshot it takes.
 *
 * <p>Layout (version 2): version byte, kind ordinal byte, node id, voter count, voter ids, learner count,
 * learner ids; an id is a 2-byte length and UTF-8 bytes, a count is 2 bytes.
 */
public final class ConfChangeCodec {

    private static final byte VERSION = 2;

    private ConfChangeCodec() {
    }

    /** Encode {@code change}, which turns the configuration into {@code after}. */
    public static byte[] encode(ConfChange change, ConfState after) {
        int size = 2 + idSize(change.node()) + 4;
        for (NodeId id : after.voters()) {
            size += idSize(id);
        }
        for (NodeId id : after.learners()) {
            size += idSize(id);
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION).put((byte) change.kind().ordinal());
        putId(out, change.node());
        putIds(out, after.voters());
        putIds(out, after.learners());
        return out.array();
    }

    /** The change an entry carries. @throws IllegalArgumentException for anything but an encoded change */
    public static ConfChange decode(byte[] payload) {
        return read(payload).change;
    }

    /** The configuration in force once the entry is in the log (and, for a shell, once it is applied). */
    public static ConfState confStateAfter(byte[] payload) {
        return read(payload).after;
    }

    private record Decoded(ConfChange change, ConfState after) {
    }

    private static Decoded read(byte[] payload) {
        try {
            ByteBuffer in = ByteBuffer.wrap(payload);
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported conf change version " + version);
            }
            ConfChange.Kind[] kinds = ConfChange.Kind.values();
            int kind = in.get();
            if (kind < 0 || kind >= kinds.length) {
                throw new IllegalArgumentException("unknown conf change kind " + kind);
            }
            ConfChange change = new ConfChange(kinds[kind], getId(in));
            Set<NodeId> voters = getIds(in);
            Set<NodeId> learners = getIds(in);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
            return new Decoded(change, new ConfState(voters, learners));
        } catch (BufferUnderflowException truncated) {
            throw new IllegalArgumentException("truncated conf change payload (" + payload.length + " bytes)");
        }
    }

    private static int idSize(NodeId id) {
        return 2 + id.value().getBytes(StandardCharsets.UTF_8).length;
    }

    private static void putId(ByteBuffer out, NodeId id) {
        byte[] bytes = id.value().getBytes(StandardCharsets.UTF_8);
        out.putShort((short) bytes.length).put(bytes);
    }

    private static void putIds(ByteBuffer out, Set<NodeId> ids) {
        out.putShort((short) ids.size());
        ids.forEach(id -> putId(out, id));
    }

    private static NodeId getId(ByteBuffer in) {
        int length = in.getShort();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("bad node id length " + length);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return NodeId.of(new String(bytes, StandardCharsets.UTF_8));
    }

    private static Set<NodeId> getIds(ByteBuffer in) {
        int count = in.getShort();
        if (count < 0) {
            throw new IllegalArgumentException("bad id count " + count);
        }
        Set<NodeId> ids = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(getId(in));
        }
        return ids;
    }
}
