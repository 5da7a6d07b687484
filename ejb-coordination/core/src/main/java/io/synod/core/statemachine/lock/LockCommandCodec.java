package io.synod.core.statemachine.lock;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

/**
 * Wire format of a {@link LockCommand} (the payload of a LOCKS envelope), version 1:
 * {@code version:u8 | tag:u8 | fields}. Tags are part of the format: never reuse, only append.
 */
public final class LockCommandCodec {

    public static final int VERSION = 1;
    private static final String FORMAT = "lock command";

    private static final int ACQUIRE = 1;
    private static final int RELEASE = 2;
    private static final int EXPIRE_WAITERS = 3;
    private static final int CHECK_FENCE = 4;

    private LockCommandCodec() {
    }

    public static byte[] encode(LockCommand command) {
        WireWriter out = new WireWriter(64);
        out.writeByte(VERSION);
        if (command instanceof LockCommand.Acquire c) {
            out.writeByte(ACQUIRE).writeString(c.lockName()).writeString(c.sessionId()).writeString(c.leaseId())
                    .writeBoolean(c.reentrant()).writeLong(c.waitMillis());
        } else if (command instanceof LockCommand.Release c) {
            out.writeByte(RELEASE).writeString(c.lockName()).writeString(c.leaseId());
        } else if (command instanceof LockCommand.CheckFence c) {
            out.writeByte(CHECK_FENCE).writeString(c.lockName()).writeLong(c.token());
        } else {
            out.writeByte(EXPIRE_WAITERS);
        }
        return out.toByteArray();
    }

    public static LockCommand decode(byte[] bytes) throws CodecException {
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        int tag = in.readByte("tag");
        LockCommand command = switch (tag) {
            case ACQUIRE -> new LockCommand.Acquire(LockWire.readName(in, "lockName"),
                    LockWire.readId(in, "sessionId"), LockWire.readId(in, "leaseId"), in.readBoolean("reentrant"),
                    in.readLong("wait"));
            case RELEASE -> new LockCommand.Release(LockWire.readName(in, "lockName"),
                    LockWire.readId(in, "leaseId"));
            case EXPIRE_WAITERS -> new LockCommand.ExpireWaiters();
            case CHECK_FENCE -> new LockCommand.CheckFence(LockWire.readName(in, "lockName"), in.readLong("token"));
            default -> throw new CodecException(FORMAT + ": unknown tag " + tag);
        };
        in.expectEnd(FORMAT);
        return command;
    }
}
