package io.synod.core.statemachine.lock;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

/** Wire format of a {@link LockResult}, version 1: {@code version:u8 | tag:u8 | fields}. */
public final class LockResultCodec {

    public static final int VERSION = 1;
    private static final String FORMAT = "lock result";

    private static final int GRANTED = 1;
    private static final int QUEUED = 2;
    private static final int BUSY = 3;
    private static final int RELEASED = 4;
    private static final int WAIT_CANCELLED = 5;
    private static final int WAITERS_EXPIRED = 6;
    private static final int FENCE = 7;
    private static final int REJECTED = 8;

    private LockResultCodec() {
    }

    public static byte[] encode(LockResult result) {
        WireWriter out = new WireWriter(64);
        out.writeByte(VERSION);
        if (result instanceof LockResult.Granted r) {
            out.writeByte(GRANTED).writeString(r.lockName()).writeLong(r.token()).writeInt(r.holdCount())
                    .writeLong(r.grantedAtMillis());
        } else if (result instanceof LockResult.Queued r) {
            out.writeByte(QUEUED).writeString(r.lockName()).writeInt(r.position());
        } else if (result instanceof LockResult.Busy r) {
            out.writeByte(BUSY).writeString(r.lockName());
        } else if (result instanceof LockResult.Released r) {
            out.writeByte(RELEASED).writeString(r.lockName()).writeInt(r.holdCount());
            LockWire.writeOptionalHolder(out, r.next());
        } else if (result instanceof LockResult.WaitCancelled r) {
            out.writeByte(WAIT_CANCELLED).writeString(r.lockName());
        } else if (result instanceof LockResult.WaitersExpired r) {
            out.writeByte(WAITERS_EXPIRED).writeInt(r.expired()).writeInt(r.granted());
        } else if (result instanceof LockResult.Fence r) {
            FenceCheck f = r.check();
            out.writeByte(FENCE).writeString(f.lockName()).writeLong(f.token()).writeLong(f.newestToken())
                    .writeByte(f.verdict().ordinal());
        } else {
            LockResult.Rejected r = (LockResult.Rejected) result;
            out.writeByte(REJECTED).writeByte(r.violation().ordinal()).writeString(r.message());
        }
        return out.toByteArray();
    }

    public static LockResult decode(byte[] bytes) throws CodecException {
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        int tag = in.readByte("tag");
        LockResult result = switch (tag) {
            case GRANTED -> new LockResult.Granted(LockWire.readName(in, "lockName"), in.readLong("token"),
                    in.readInt("holdCount"), in.readLong("grantedAt"));
            case QUEUED -> new LockResult.Queued(LockWire.readName(in, "lockName"), in.readInt("position"));
            case BUSY -> new LockResult.Busy(LockWire.readName(in, "lockName"));
            case RELEASED -> new LockResult.Released(LockWire.readName(in, "lockName"),
                    LockWire.readNonNegative(in, "holdCount"), LockWire.readOptionalHolder(in));
            case WAIT_CANCELLED -> new LockResult.WaitCancelled(LockWire.readName(in, "lockName"));
            case WAITERS_EXPIRED -> new LockResult.WaitersExpired(LockWire.readNonNegative(in, "expired"),
                    LockWire.readNonNegative(in, "granted"));
            case FENCE -> readFence(in);
            case REJECTED -> readRejected(in);
            default -> throw new CodecException(FORMAT + ": unknown tag " + tag);
        };
        in.expectEnd(FORMAT);
        return result;
    }

    private static LockResult.Fence readFence(WireReader in) throws CodecException {
        String name = LockWire.readName(in, "lockName");
        long token = in.readLong("token");
        long newest = in.readLongAtLeast("newestToken", 0);
        int code = in.readByte("verdict");
        if (code >= FenceCheck.Verdict.values().length) {
            throw new CodecException("verdict: unknown " + code);
        }
        return new LockResult.Fence(new FenceCheck(name, token, newest, FenceCheck.Verdict.values()[code]));
    }

    private static LockResult.Rejected readRejected(WireReader in) throws CodecException {
        int code = in.readByte("violation");
        if (code >= LockViolation.values().length) {
            throw new CodecException("violation: unknown " + code);
        }
        return new LockResult.Rejected(LockViolation.values()[code],
                in.readString("message", LockWire.MAX_MESSAGE_BYTES));
    }
}
