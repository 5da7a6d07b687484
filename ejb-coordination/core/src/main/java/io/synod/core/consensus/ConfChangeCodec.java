package io.synod.core.consensus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The payload of a {@link EntryType#CONF_CHANGE} entry. Public so that a shell can decode the committed
 * changes it applies and know the configuration at its applied index (a snapshot must carry it).
 *
 * <p>Layout: version byte (1), kind ordinal byte, node id as UTF-8 (the rest).
 */
public final class ConfChangeCodec {

    private static final byte VERSION = 1;

    private ConfChangeCodec() {
    }

    public static byte[] encode(ConfChange change) {
        byte[] id = change.node().value().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + id.length)
                .put(VERSION)
                .put((byte) change.kind().ordinal())
                .put(id)
                .array();
    }

    /** @throws IllegalArgumentException when {@code payload} is not an encoded {@link ConfChange} */
    public static ConfChange decode(byte[] payload) {
        if (payload.length < 3 || payload[0] != VERSION) {
            throw new IllegalArgumentException("not a version-" + VERSION + " conf change payload ("
                    + payload.length + " bytes)");
        }
        ConfChange.Kind[] kinds = ConfChange.Kind.values();
        int kind = payload[1];
        if (kind < 0 || kind >= kinds.length) {
            throw new IllegalArgumentException("unknown conf change kind " + kind);
        }
        String id = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        return new ConfChange(kinds[kind], NodeId.of(id));
    }
}
