package io.synod.core.statemachine.session;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot format of a {@link SessionStateMachine}, version 1: {@code version | lastApplied | count | session*}
 * with sessions in strictly ascending id order — equal tables give equal bytes, and anything else is refused.
 */
final class SessionSnapshotCodec {

    static final int VERSION = 1;
    private static final String FORMAT = "session snapshot";

    record Decoded(long lastApplied, List<Session> sessions) {
    }

    private SessionSnapshotCodec() {
    }

    static byte[] encode(long lastApplied, List<Session> sessions) {
        WireWriter out = new WireWriter(64 + sessions.size() * 64);
        out.writeByte(VERSION).writeLong(lastApplied).writeInt(sessions.size());
        sessions.forEach(s -> SessionWire.writeSession(out, s));
        return out.toByteArray();
    }

    static Decoded decode(byte[] bytes) throws CodecException {
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        long lastApplied = in.readLongAtLeast("lastApplied", 0);
        int n = in.readCount("sessions.count", SessionWire.MAX_ITEMS, SessionWire.MIN_SESSION_BYTES);
        List<Session> sessions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Session s = SessionWire.readSession(in);
            if (!sessions.isEmpty() && sessions.get(sessions.size() - 1).id().compareTo(s.id()) >= 0) {
                throw new CodecException("sessions: ids not strictly ascending at " + s.id());
            }
            sessions.add(s);
        }
        in.expectEnd(FORMAT);
        return new Decoded(lastApplied, sessions);
    }
}
