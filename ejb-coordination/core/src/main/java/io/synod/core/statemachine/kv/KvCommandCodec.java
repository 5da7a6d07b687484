package io.synod.core.statemachine.kv;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

import java.util.Optional;

/**
 * Wire format of a {@link KvCommand} (the payload of a KV {@code CommandEnvelope}), version 1:
 * {@code version:u8 | tag:u8 | fields}. Tags are part of the format: never reuse, only append.
 */
public final class KvCommandCodec {

    public static final int VERSION = 1;
    private static final String FORMAT = "kv command";

    private static final int PUT = 1;
    private static final int PUT_IF_ABSENT = 2;
    private static final int COMPARE_AND_SET = 3;
    private static final int COMPARE_VALUE_AND_SET = 4;
    private static final int DELETE = 5;
    private static final int COMPARE_AND_DELETE = 6;
    private static final int DELETE_PREFIX = 7;
    private static final int GET = 8;
    private static final int SCAN = 9;
    private static final int EXPIRE = 10;
    private static final int COMPACT = 11;

    private KvCommandCodec() {
    }

    public static byte[] encode(KvCommand command) {
        WireWriter out = new WireWriter(64);
        out.writeByte(VERSION);
        if (command instanceof KvCommand.Put c) {
            out.writeByte(PUT).writeString(c.key()).writeBytes(c.value());
            KvWire.writeTtl(out, c.ttl());
        } else if (command instanceof KvCommand.PutIfAbsent c) {
            out.writeByte(PUT_IF_ABSENT).writeString(c.key()).writeBytes(c.value());
            KvWire.writeTtl(out, c.ttl());
        } else if (command instanceof KvCommand.CompareAndSet c) {
            out.writeByte(COMPARE_AND_SET).writeString(c.key()).writeLong(c.expectedModRevision())
                    .writeBytes(c.value());
            KvWire.writeTtl(out, c.ttl());
        } else if (command instanceof KvCommand.CompareValueAndSet c) {
            out.writeByte(COMPARE_VALUE_AND_SET).writeString(c.key()).writeBytes(c.expectedValue())
                    .writeBytes(c.value());
            KvWire.writeTtl(out, c.ttl());
        } else if (command instanceof KvCommand.Delete c) {
            out.writeByte(DELETE).writeString(c.key());
        } else if (command instanceof KvCommand.CompareAndDelete c) {
            out.writeByte(COMPARE_AND_DELETE).writeString(c.key()).writeLong(c.expectedModRevision());
        } else if (command instanceof KvCommand.DeletePrefix c) {
            out.writeByte(DELETE_PREFIX).writeString(c.prefix());
        } else if (command instanceof KvCommand.Get c) {
            out.writeByte(GET).writeString(c.key());
        } else if (command instanceof KvCommand.Scan c) {
            out.writeByte(SCAN).writeString(c.prefix()).writeBoolean(c.startAfter().isPresent());
            c.startAfter().ifPresent(out::writeString);
            out.writeInt(c.limit());
        } else if (command instanceof KvCommand.Expire) {
            out.writeByte(EXPIRE);
        } else {
            out.writeByte(COMPACT).writeLong(((KvCommand.Compact) command).revision());
        }
        return out.toByteArray();
    }

    public static KvCommand decode(byte[] bytes) throws CodecException {
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        int tag = in.readByte("tag");
        KvCommand command = switch (tag) {
            case PUT -> new KvCommand.Put(KvWire.readKey(in, "key"), KvWire.readValue(in, "value"),
                    KvWire.readTtl(in));
            case PUT_IF_ABSENT -> new KvCommand.PutIfAbsent(KvWire.readKey(in, "key"),
                    KvWire.readValue(in, "value"), KvWire.readTtl(in));
            case COMPARE_AND_SET -> new KvCommand.CompareAndSet(KvWire.readKey(in, "key"),
                    in.readLong("expectedModRevision"), KvWire.readValue(in, "value"), KvWire.readTtl(in));
            case COMPARE_VALUE_AND_SET -> new KvCommand.CompareValueAndSet(KvWire.readKey(in, "key"),
                    KvWire.readValue(in, "expectedValue"), KvWire.readValue(in, "value"), KvWire.readTtl(in));
            case DELETE -> new KvCommand.Delete(KvWire.readKey(in, "key"));
            case COMPARE_AND_DELETE -> new KvCommand.CompareAndDelete(KvWire.readKey(in, "key"),
                    in.readLong("expectedModRevision"));
            case DELETE_PREFIX -> new KvCommand.DeletePrefix(KvWire.readKey(in, "prefix"));
            case GET -> new KvCommand.Get(KvWire.readKey(in, "key"));
            case SCAN -> readScan(in);
            case EXPIRE -> new KvCommand.Expire();
            case COMPACT -> new KvCommand.Compact(in.readLong("revision"));
            default -> throw new CodecException(FORMAT + ": unknown tag " + tag);
        };
        in.expectEnd(FORMAT);
        return command;
    }

    private static KvCommand.Scan readScan(WireReader in) throws CodecException {
        String prefix = KvWire.readKey(in, "prefix");
        Optional<String> startAfter = in.readBoolean("hasStartAfter")
                ? Optional.of(KvWire.readKey(in, "startAfter")) : Optional.empty();
        return new KvCommand.Scan(prefix, startAfter, in.readInt("limit"));
    }
}
