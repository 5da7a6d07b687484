package io.synod.core.statemachine.kv;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Field encodings shared by the key-value formats (commands, results, snapshots). Bounds on decode are the hard
 * ceilings of {@link KvLimits}, never the configured limits: configuration is checked by the validator on apply,
 * and a decoder that depended on it would make a log written under one setting unreadable under another.
 */
final class KvWire {

    static final int MAX_KEY_BYTES = KvLimits.HARD_MAX_KEY_BYTES;
    static final int MAX_VALUE_BYTES = KvLimits.HARD_MAX_VALUE_BYTES;
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** Smallest encoding of a KeyValue: key length + value length + 3 longs + expiry flag. */
    static final int MIN_KV_BYTES = 4 + 4 + 24 + 1;

    private KvWire() {
    }

    static void writeTtl(WireWriter out, Optional<Ttl> ttl) {
        out.writeLong(ttl.map(Ttl::millis).orElse(0L));
    }

    /** 0 = no TTL; a TTL is at least 1 ms, so 0 is free to mean "none". */
    static Optional<Ttl> readTtl(WireReader in) throws CodecException {
        long millis = in.readLongAtLeast("ttl", 0);
        return millis == 0 ? Optional.empty() : Optional.of(new Ttl(millis));
    }

    static String readKey(WireReader in, String field) throws CodecException {
        return in.readString(field, MAX_KEY_BYTES);
    }

    static byte[] readValue(WireReader in, String field) throws CodecException {
        return in.readBytes(field, MAX_VALUE_BYTES);
    }

    static void writeKeyValue(WireWriter out, KeyValue kv) {
        out.writeString(kv.key());
        out.writeBytes(kv.value());
        out.writeLong(kv.createRevision());
        out.writeLong(kv.modRevision());
        out.writeLong(kv.version());
        out.writeBoolean(kv.expiresAtMillis().isPresent());
        if (kv.expiresAtMillis().isPresent()) {
            out.writeLong(kv.expiresAtMillis().getAsLong());
        }
    }

    static KeyValue readKeyValue(WireReader in) throws CodecException {
        String key = readKey(in, "kv.key");
        byte[] value = readValue(in, "kv.value");
        long create = in.readLong("kv.createRevision");
        long mod = in.readLong("kv.modRevision");
        long version = in.readLong("kv.version");
        OptionalLong expiry = in.readBoolean("kv.hasExpiry") ? OptionalLong.of(in.readLong("kv.expiry"))
                : OptionalLong.empty();
        try {
            return new KeyValue(key, value, create, mod, version, expiry);
        } catch (IllegalArgumentException e) {
            throw new CodecException("kv: " + e.getMessage());
        }
    }

    static void writeOptionalKeyValue(WireWriter out, Optional<KeyValue> kv) {
        out.writeBoolean(kv.isPresent());
        kv.ifPresent(k -> writeKeyValue(out, k));
    }

    static Optional<KeyValue> readOptionalKeyValue(WireReader in) throws CodecException {
        return in.readBoolean("kv.present") ? Optional.of(readKeyValue(in)) : Optional.empty();
    }

    static void writeEvent(WireWriter out, KvEvent e) {
        out.writeLong(e.revision());
        out.writeByte(e.kind().ordinal());
        out.writeString(e.key());
        writeOptionalKeyValue(out, e.kv());
    }

    static KvEvent readEvent(WireReader in) throws CodecException {
        long revision = in.readLongAtLeast("event.revision", 1);
        int kind = in.readByte("event.kind");
        if (kind >= KvEvent.Kind.values().length) {
            throw new CodecException("event.kind: unknown " + kind);
        }
        String key = readKey(in, "event.key");
        Optional<KeyValue> kv = readOptionalKeyValue(in);
        try {
            return new KvEvent(revision, KvEvent.Kind.values()[kind], key, kv);
        } catch (IllegalArgumentException e) {
            throw new CodecException("event: " + e.getMessage());
        }
    }
}
