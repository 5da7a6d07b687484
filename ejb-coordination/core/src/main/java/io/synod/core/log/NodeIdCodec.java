package io.synod.core.log;

import io.synod.core.consensus.NodeId;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/** Node ids on disk: int16 length + UTF-8 (ids are at most 64 ASCII characters). Shared by hard state and snapshots. */
final class NodeIdCodec {

    private NodeIdCodec() {
    }

    static int size(NodeId id) {
        return 2 + id.value().getBytes(StandardCharsets.UTF_8).length;
    }

    static void write(NodeId id, ByteBuffer out) {
        byte[] bytes = id.value().getBytes(StandardCharsets.UTF_8);
        out.putShort((short) bytes.length).put(bytes);
    }

    /** @throws IllegalArgumentException or {@link BufferUnderflowException} when the bytes are not a node id */
    static NodeId read(ByteBuffer in) {
        int length = in.getShort();
        if (length < 1 || length > 64) {
            throw new IllegalArgumentException("node id length " + length);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return NodeId.of(new String(bytes, StandardCharsets.UTF_8));
    }

    static int size(Set<NodeId> ids) {
        return 4 + ids.stream().mapToInt(NodeIdCodec::size).sum();
    }

    static void write(Set<NodeId> ids, ByteBuffer out) {
        out.putInt(ids.size());
        ids.forEach(id -> write(id, out));
    }

    static Set<NodeId> readSet(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / 3) {
            throw new IllegalArgumentException("node id count " + count);
        }
        Set<NodeId> ids = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(read(in));
        }
        return ids;
    }
}
