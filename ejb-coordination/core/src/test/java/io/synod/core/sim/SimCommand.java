package io.synod.core.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A state-machine command as it travels in a log entry. {@code (client, seq)} identifies it for
 * at-most-once application (thesis §6.3): a retried command carries the same pair.
 *
 * @param a first argument (PUT: value, CAS: expected)
 * @param b second argument (CAS: new value)
 */
public record SimCommand(int client, long seq, Op op, String key, long a, long b) {

    public enum Op { PUT, CAS, ACQUIRE, RELEASE, INCREMENT }

    public byte[] encode() {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(4 + 8 + 1 + 2 + k.length + 16);
        buf.putInt(client).putLong(seq).put((byte) op.ordinal()).putShort((short) k.length).put(k).putLong(a).putLong(b);
        return buf.array();
    }

    public static SimCommand decode(byte[] data) {
        ByteBuffer buf = ByteBuffer.wrap(data);
        int client = buf.getInt();
        long seq = buf.getLong();
        Op op = Op.values()[buf.get()];
        byte[] k = new byte[buf.getShort()];
        buf.get(k);
        return new SimCommand(client, seq, op, new String(k, StandardCharsets.UTF_8), buf.getLong(), buf.getLong());
    }
}
