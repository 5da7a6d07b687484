package io.synod.core.statemachine.lock;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

import java.util.Optional;

/**
 * Field encodings shared by the lock formats. Decode bounds are hard ceilings above the validation rules, so an
 * over-long name still decodes and is then refused with a typed violation rather than as malformed bytes.
 */
final class LockWire {

    static final int MAX_NAME_BYTES = 4 * LockNames.MAX_LENGTH;
    static final int MAX_ID_BYTES = 1024;
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    static final int MAX_ITEMS = Integer.MAX_VALUE - 8;
    /** Two string lengths, one flag, two longs. */
    static final int MIN_WAITER_BYTES = 4 + 4 + 1 + 16;
    /** Name length, newest token, delay, holder flag, waiter count. */
    static final int MIN_LOCK_BYTES = 4 + 8 + 8 + 1 + 4;

    private LockWire() {
    }

    static String readName(WireReader in, String field) throws CodecException {
        return in.readString(field, MAX_NAME_BYTES);
    }

    static String readId(WireReader in, String field) throws CodecException {
        return in.readString(field, MAX_ID_BYTES);
    }

    static void writeHolder(WireWriter out, LockHolder h) {
        out.writeString(h.sessionId()).writeString(h.leaseId()).writeLong(h.token()).writeInt(h.holdCount())
                .writeBoolean(h.reentrant()).writeLong(h.grantedAtMillis());
    }

    static LockHolder readHolder(WireReader in) throws CodecException {
        String session = readId(in, "holder.sessionId");
        String lease = readId(in, "holder.leaseId");
        long token = in.readLong("holder.token");
        int holds = in.readInt("holder.holdCount");
        boolean reentrant = in.readBoolean("holder.reentrant");
        long grantedAt = in.readLong("holder.grantedAt");
        try {
            return new LockHolder(session, lease, token, holds, reentrant, grantedAt);
        } catch (IllegalArgumentException e) {
            throw new CodecException("holder: " + e.getMessage());
        }
    }

    static void writeOptionalHolder(WireWriter out, Optional<LockHolder> holder) {
        out.writeBoolean(holder.isPresent());
        holder.ifPresent(h -> writeHolder(out, h));
    }

    static Optional<LockHolder> readOptionalHolder(WireReader in) throws CodecException {
        return in.readBoolean("holder.present") ? Optional.of(readHolder(in)) : Optional.empty();
    }

    static void writeWaiter(WireWriter out, LockWaiter w) {
        out.writeString(w.sessionId()).writeString(w.leaseId()).writeBoolean(w.reentrant())
                .writeLong(w.enqueuedAtMillis()).writeLong(w.deadlineMillis());
    }

    static LockWaiter readWaiter(WireReader in) throws CodecException {
        String session = readId(in, "waiter.sessionId");
        String lease = readId(in, "waiter.leaseId");
        boolean reentrant = in.readBoolean("waiter.reentrant");
        long enqueued = in.readLong("waiter.enqueuedAt");
        long deadline = in.readLong("waiter.deadline");
        try {
            return new LockWaiter(session, lease, reentrant, enqueued, deadline);
        } catch (IllegalArgumentException e) {
            throw new CodecException("waiter: " + e.getMessage());
        }
    }

    static int readNonNegative(WireReader in, String field) throws CodecException {
        int n = in.readInt(field);
        if (n < 0) {
            throw new CodecException(field + ": must be >= 0, got " + n);
        }
        return n;
    }
}
