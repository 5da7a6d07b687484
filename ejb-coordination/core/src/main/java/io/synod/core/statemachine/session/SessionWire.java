package io.synod.core.statemachine.session;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

/**
 * Field encodings shared by the session formats. Decode bounds are hard ceilings, not configured limits (the
 * validator checks those on apply), so a log written under one setting stays readable under another.
 */
final class SessionWire {

    /** Generous next to {@link SessionIds#MAX_ID_BYTES}: an over-long id decodes and is then refused, typed. */
    static final int MAX_ID_BYTES = 1024;
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    static final int MAX_ITEMS = Integer.MAX_VALUE - 8;
    /** id length + owner length + three longs. */
    static final int MIN_SESSION_BYTES = 4 + 4 + 24;

    private SessionWire() {
    }

    static String readId(WireReader in, String field) throws CodecException {
        return in.readString(field, MAX_ID_BYTES);
    }

    static void writeSession(WireWriter out, Session s) {
        out.writeString(s.id()).writeString(s.owner()).writeLong(s.ttlMillis()).writeLong(s.openedAtMillis())
                .writeLong(s.lastHeartbeatMillis());
    }

    static Session readSession(WireReader in) throws CodecException {
        String id = readId(in, "session.id");
        String owner = readId(in, "session.owner");
        long ttl = in.readLong("session.ttl");
        long opened = in.readLong("session.openedAt");
        long heartbeat = in.readLong("session.lastHeartbeat");
        try {
            return new Session(id, owner, ttl, opened, heartbeat);
        } catch (IllegalArgumentException e) {
            throw new CodecException("session: " + e.getMessage());
        }
    }
}
