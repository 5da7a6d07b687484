package io.synod.core.statemachine.lock;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Snapshot format of a {@link LockStateMachine}, version 1: {@code version | lastApplied | count | lock*}, each
 * lock {@code name | newestToken | delayedUntil (0 = none) | holder? | count | waiter*} in strictly ascending name
 * order. Decoding refuses what the table could never hold (a holder token above the newest, a lease twice on one
 * lock), so a corrupt snapshot cannot produce a table that breaks fencing later.
 */
final class LockSnapshotCodec {

    static final int VERSION = 1;
    private static final String FORMAT = "lock snapshot";

    record Decoded(long lastApplied, List<LockInfo> locks) {
    }

    private LockSnapshotCodec() {
    }

    static byte[] encode(long lastApplied, List<LockInfo> locks) {
        WireWriter out = new WireWriter(64 + locks.size() * 96);
        out.writeByte(VERSION).writeLong(lastApplied).writeInt(locks.size());
        for (LockInfo lock : locks) {
            out.writeString(lock.name()).writeLong(lock.newestToken())
                    .writeLong(lock.delayedUntilMillis().orElse(0));
            LockWire.writeOptionalHolder(out, lock.holder());
            out.writeInt(lock.waiters().size());
            lock.waiters().forEach(w -> LockWire.writeWaiter(out, w));
        }
        return out.toByteArray();
    }

    static Decoded decode(byte[] bytes) throws CodecException {
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        long lastApplied = in.readLongAtLeast("lastApplied", 0);
        int n = in.readCount("locks.count", LockWire.MAX_ITEMS, LockWire.MIN_LOCK_BYTES);
        List<LockInfo> locks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LockInfo lock = readLock(in);
            if (!locks.isEmpty() && locks.get(locks.size() - 1).name().compareTo(lock.name()) >= 0) {
                throw new CodecException("locks: names not strictly ascending at " + lock.name());
            }
            locks.add(lock);
        }
        in.expectEnd(FORMAT);
        return new Decoded(lastApplied, locks);
    }

    private static LockInfo readLock(WireReader in) throws CodecException {
        String name = LockWire.readName(in, "lock.name");
        long newest = in.readLongAtLeast("lock.newestToken", 1);
        long delayedUntil = in.readLongAtLeast("lock.delayedUntil", 0);
        Optional<LockHolder> holder = LockWire.readOptionalHolder(in);
        int count = in.readCount("lock.waiters.count", LockWire.MAX_ITEMS, LockWire.MIN_WAITER_BYTES);
        List<LockWaiter> waiters = new ArrayList<>(count);
        TreeSet<String> leases = new TreeSet<>();
        holder.ifPresent(h -> leases.add(h.leaseId()));
        for (int i = 0; i < count; i++) {
            LockWaiter w = LockWire.readWaiter(in);
            if (!leases.add(w.leaseId())) {
                throw new CodecException("lock " + name + ": lease " + w.leaseId() + " appears twice");
            }
            waiters.add(w);
        }
        try {
            return new LockInfo(name, holder, waiters, newest,
                    delayedUntil == 0 ? OptionalLong.empty() : OptionalLong.of(delayedUntil));
        } catch (IllegalArgumentException e) {
            throw new CodecException("lock " + name + ": " + e.getMessage());
        }
    }
}
