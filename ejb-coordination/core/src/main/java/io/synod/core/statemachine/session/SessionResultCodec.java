package io.synod.core.statemachine.session;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

import java.util.ArrayList;
import java.util.List;

/** Wire format of a {@link SessionResult}, version 1: {@code version:u8 | tag:u8 | fields}. */
public final class SessionResultCodec {

    public static final int VERSION = 1;
    private static final String FORMAT = "session result";

    private static final int OPENED = 1;
    private static final int RENEWED = 2;
    private static final int CLOSED = 3;
    private static final int EXPIRED = 4;
    private static final int NOT_FOUND = 5;
    private static final int LAPSED = 6;
    private static final int REJECTED = 7;

    private SessionResultCodec() {
    }

    public static byte[] encode(SessionResult result) {
        WireWriter out = new WireWriter(64);
        out.writeByte(VERSION);
        if (result instanceof SessionResult.Opened r) {
            SessionWire.writeSession(out.writeByte(OPENED), r.session());
        } else if (result instanceof SessionResult.Renewed r) {
            SessionWire.writeSession(out.writeByte(RENEWED), r.session());
        } else if (result instanceof SessionResult.Closed r) {
            out.writeByte(CLOSED).writeString(r.sessionId());
        } else if (result instanceof SessionResult.Expired r) {
            out.writeByte(EXPIRED).writeInt(r.sessionIds().size());
            r.sessionIds().forEach(out::writeString);
        } else if (result instanceof SessionResult.NotFound r) {
            out.writeByte(NOT_FOUND).writeString(r.sessionId());
        } else if (result instanceof SessionResult.Lapsed r) {
            out.writeByte(LAPSED).writeString(r.sessionId()).writeLong(r.deadlineMillis());
        } else {
            SessionResult.Rejected r = (SessionResult.Rejected) result;
            out.writeByte(REJECTED).writeByte(r.violation().ordinal()).writeString(r.message());
        }
        return out.toByteArray();
    }

    public static SessionResult decode(byte[] bytes) throws CodecException {
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        int tag = in.readByte("tag");
        SessionResult result = switch (tag) {
            case OPENED -> new SessionResult.Opened(SessionWire.readSession(in));
            case RENEWED -> new SessionResult.Renewed(SessionWire.readSession(in));
            case CLOSED -> new SessionResult.Closed(SessionWire.readId(in, "sessionId"));
            case EXPIRED -> readExpired(in);
            case NOT_FOUND -> new SessionResult.NotFound(SessionWire.readId(in, "sessionId"));
            case LAPSED -> new SessionResult.Lapsed(SessionWire.readId(in, "sessionId"), in.readLong("deadline"));
            case REJECTED -> readRejected(in);
            default -> throw new CodecException(FORMAT + ": unknown tag " + tag);
        };
        in.expectEnd(FORMAT);
        return result;
    }

    private static SessionResult.Expired readExpired(WireReader in) throws CodecException {
        int n = in.readCount("sessionIds.count", SessionWire.MAX_ITEMS, 4);
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(SessionWire.readId(in, "sessionId"));
        }
        return new SessionResult.Expired(ids);
    }

    private static SessionResult.Rejected readRejected(WireReader in) throws CodecException {
        int code = in.readByte("violation");
        if (code >= SessionViolation.values().length) {
            throw new CodecException("violation: unknown " + code);
        }
        return new SessionResult.Rejected(SessionViolation.values()[code],
                in.readString("message", SessionWire.MAX_MESSAGE_BYTES));
    }
}
