package io.synod.core.statemachine.kv;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Wire format of a {@link KvResult}, version 1: {@code version:u8 | tag:u8 | fields}. Results travel back to the
 * client and are remembered by the duplicate filter, so they are bytes like everything else replicated.
 */
public final class KvResultCodec {

    public static final int VERSION = 1;
    private static final String FORMAT = "kv result";

    private static final int PUT = 1;
    private static final int GET = 2;
    private static final int SCAN = 3;
    private static final int DELETE = 4;
    private static final int CAS_FAILED = 5;
    private static final int EXPIRED = 6;
    private static final int COMPACTED = 7;
    private static final int REJECTED = 8;

    private KvResultCodec() {
    }

    public static byte[] encode(KvResult result) {
        WireWriter out = new WireWriter(64);
        out.writeByte(VERSION);
        if (result instanceof KvResult.Put r) {
            out.writeByte(PUT).writeLong(r.revision());
            KvWire.writeOptionalKeyValue(out, r.previous());
        } else if (result instanceof KvResult.Get r) {
            out.writeByte(GET).writeLong(r.revision());
            KvWire.writeOptionalKeyValue(out, r.kv());
        } else if (result instanceof KvResult.Scan r) {
            out.writeByte(SCAN).writeLong(r.revision()).writeBoolean(r.more()).writeInt(r.kvs().size());
            r.kvs().forEach(kv -> KvWire.writeKeyValue(out, kv));
        } else if (result instanceof KvResult.Delete r) {
            out.writeByte(DELETE).writeLong(r.revision()).writeInt(r.deleted());
        } else if (result instanceof KvResult.CasFailed r) {
            out.writeByte(CAS_FAILED).writeLong(r.revision());
            KvWire.writeOptionalKeyValue(out, r.current());
        } else if (result instanceof KvResult.Expired r) {
            out.writeByte(EXPIRED).writeLong(r.revision()).writeInt(r.removed());
        } else if (result instanceof KvResult.Compacted r) {
            out.writeByte(COMPACTED).writeLong(r.revision()).writeLong(r.compactRevision());
        } else {
            KvResult.Rejected r = (KvResult.Rejected) result;
            out.writeByte(REJECTED).writeByte(r.violation().ordinal()).writeString(r.message());
        }
        return out.toByteArray();
    }

    public static KvResult decode(byte[] bytes) throws CodecException {
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        int tag = in.readByte("tag");
        KvResult result = switch (tag) {
            case PUT -> new KvResult.Put(revision(in), KvWire.readOptionalKeyValue(in));
            case GET -> new KvResult.Get(revision(in), KvWire.readOptionalKeyValue(in));
            case SCAN -> readScan(in);
            case DELETE -> new KvResult.Delete(revision(in), count(in, "deleted"));
            case CAS_FAILED -> new KvResult.CasFailed(revision(in), KvWire.readOptionalKeyValue(in));
            case EXPIRED -> new KvResult.Expired(revision(in), count(in, "removed"));
            case COMPACTED -> new KvResult.Compacted(revision(in), in.readLongAtLeast("compactRevision", 0));
            case REJECTED -> readRejected(in);
            default -> throw new CodecException(FORMAT + ": unknown tag " + tag);
        };
        in.expectEnd(FORMAT);
        return result;
    }

    private static long revision(WireReader in) throws CodecException {
        return in.readLongAtLeast("revision", 0);
    }

    private static int count(WireReader in, String field) throws CodecException {
        int n = in.readInt(field);
        if (n < 0) {
            throw new CodecException(field + ": must be >= 0, got " + n);
        }
        return n;
    }

    private static KvResult.Scan readScan(WireReader in) throws CodecException {
        long revision = revision(in);
        boolean more = in.readBoolean("more");
        int n = in.readCount("kvs.count", KvLimits.HARD_MAX_SCAN_LIMIT, KvWire.MIN_KV_BYTES);
        List<KeyValue> kvs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            kvs.add(KvWire.readKeyValue(in));
        }
        return new KvResult.Scan(revision, kvs, more);
    }

    private static KvResult.Rejected readRejected(WireReader in) throws CodecException {
        int code = in.readByte("violation");
        if (code >= KvViolation.values().length) {
            throw new CodecException("violation: unknown " + code);
        }
        return new KvResult.Rejected(KvViolation.values()[code], in.readString("message", KvWire.MAX_MESSAGE_BYTES));
    }
}
