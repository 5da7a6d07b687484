package io.synod.ejb.runtime;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;
import io.synod.core.statemachine.kv.KvCommand;
import io.synod.core.statemachine.kv.KvCommandCodec;

/**
 * Wire format of a key-value command guarded by a fencing token, carried in a KV envelope:
 * {@code 0xFE | lockName | token | kv command}. Plain KV commands start with their format version (1), so the
 * marker cannot be mistaken for one. The result is {@code 0xFE | accepted:bool | newestToken | kv result?}.
 */
public final class FencedWrite {

    static final int MARKER = 0xFE;
    private static final int MAX_NAME_BYTES = 4096;
    private static final int MAX_INNER_BYTES = Integer.MAX_VALUE - 16;

    private FencedWrite() {
    }

    /** The outcome of a fenced command: refused (with the newest token granted), or the KV result bytes. */
    public record Outcome(boolean accepted, long newestToken, byte[] kvResult) {
    }

    public static byte[] encode(String lockName, long token, KvCommand command) {
        return new WireWriter(64).writeByte(MARKER).writeString(lockName).writeLong(token)
                .writeBytes(KvCommandCodec.encode(command)).toByteArray();
    }

    static boolean isFenced(byte[] payload) {
        return payload.length > 0 && (payload[0] & 0xFF) == MARKER;
    }

    /** The KV command a KV payload carries: itself, or the one a fenced write guards. */
    static byte[] kvCommand(byte[] payload) throws CodecException {
        return isFenced(payload) ? decode(payload).kvCommand() : payload;
    }

    record Decoded(String lockName, long token, byte[] kvCommand) {
    }

    static Decoded decode(byte[] payload) throws CodecException {
        WireReader in = new WireReader(payload);
        in.readByte("marker");
        String name = in.readString("lockName", MAX_NAME_BYTES);
        long token = in.readLong("token");
        byte[] inner = in.readBytes("command", MAX_INNER_BYTES);
        in.expectEnd("fenced write");
        return new Decoded(name, token, inner);
    }

    static byte[] refused(long newestToken) {
        return new WireWriter(16).writeByte(MARKER).writeBoolean(false).writeLong(newestToken).toByteArray();
    }

    static byte[] accepted(long newestToken, byte[] kvResult) {
        return new WireWriter(16 + kvResult.length).writeByte(MARKER).writeBoolean(true).writeLong(newestToken)
                .writeBytes(kvResult).toByteArray();
    }

    public static Outcome decodeOutcome(byte[] result) throws CodecException {
        WireReader in = new WireReader(result);
        if (in.readByte("marker") != MARKER) {
            throw new CodecException("fenced write result: missing marker");
        }
        boolean accepted = in.readBoolean("accepted");
        long newest = in.readLong("newestToken");
        byte[] kv = accepted ? in.readBytes("kvResult", MAX_INNER_BYTES) : new byte[0];
        in.expectEnd("fenced write result");
        return new Outcome(accepted, newest, kv);
    }
}
