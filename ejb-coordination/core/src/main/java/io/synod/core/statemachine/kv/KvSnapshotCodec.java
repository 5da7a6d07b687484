package io.synod.core.statemachine.kv;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot format of a {@link KvStateMachine}, version 1:
 * {@code version | lastApplied | revision | compactRevision | count | kv* (key order) | count | event*}.
 * Equal states give equal bytes because both lists come out of sorted structures.
 *
 * <p>Decoding checks the invariants the store relies on (keys strictly ascending, revisions within the store's
 * revision, history ascending and after the compaction point), so a corrupt snapshot is refused instead of
 * producing a store that later misbehaves.
 */
final class KvSnapshotCodec {

    static final int VERSION = 1;
    private static final String FORMAT = "kv snapshot";
    private static final int MAX_ITEMS = Integer.MAX_VALUE - 8;
    private static final int MIN_EVENT_BYTES = 8 + 1 + 4 + 1;

    /** What a snapshot holds: the store image and the log index it reflects. */
    record Decoded(long lastApplied, KvImage image) {
    }

    private KvSnapshotCodec() {
    }

    static byte[] encode(long lastApplied, KvImage image) {
        WireWriter out = new WireWriter(256);
        out.writeByte(VERSION);
        out.writeLong(lastApplied);
        out.writeLong(image.revision());
        out.writeLong(image.compactRevision());
        out.writeInt(image.kvs().size());
        image.kvs().forEach(kv -> KvWire.writeKeyValue(out, kv));
        out.writeInt(image.events().size());
        image.events().forEach(e -> KvWire.writeEvent(out, e));
        return out.toByteArray();
    }

    static Decoded decode(byte[] bytes) throws CodecException {
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        long lastApplied = in.readLongAtLeast("lastApplied", 0);
        long revision = in.readLongAtLeast("revision", 0);
        long compactRevision = in.readLongAtLeast("compactRevision", 0);
        if (compactRevision > revision) {
            throw new CodecException("compactRevision " + compactRevision + " beyond revision " + revision);
        }
        int kvCount = in.readCount("kvs.count", MAX_ITEMS, KvWire.MIN_KV_BYTES);
        List<KeyValue> kvs = new ArrayList<>(kvCount);
        for (int i = 0; i < kvCount; i++) {
            KeyValue kv = KvWire.readKeyValue(in);
            if (!kvs.isEmpty() && kvs.get(kvs.size() - 1).key().compareTo(kv.key()) >= 0) {
                throw new CodecException("kvs: keys not strictly ascending at " + kv.key());
            }
            if (kv.modRevision() > revision) {
                throw new CodecException("kv " + kv.key() + " modified at " + kv.modRevision()
                        + ", beyond revision " + revision);
            }
            kvs.add(kv);
        }
        int eventCount = in.readCount("events.count", MAX_ITEMS, MIN_EVENT_BYTES);
        List<KvEvent> events = new ArrayList<>(eventCount);
        long previous = compactRevision;
        for (int i = 0; i < eventCount; i++) {
            KvEvent e = KvWire.readEvent(in);
            if (e.revision() <= compactRevision || e.revision() < previous || e.revision() > revision) {
                throw new CodecException("events: revision " + e.revision() + " out of order or range");
            }
            previous = e.revision();
            events.add(e);
        }
        in.expectEnd(FORMAT);
        return new Decoded(lastApplied, new KvImage(revision, compactRevision, kvs, events));
    }
}
