package io.synod.core.statemachine.session;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Wire format of a {@link SessionCommand} (the payload of a SESSIONS envelope), version 1:
 * {@code version:u8 | tag:u8 | fields}. Tags are part of the format: never reuse, only append.
 */
public final class SessionCommandCodec {

    public static final int VERSION = 1;
    private static final String FORMAT = "session command";

    private static final int OPEN = 1;
    private static final int KEEP_ALIVE = 2;
    private static final int CLOSE = 3;
    private static final int EXPIRE = 4;

    private SessionCommandCodec() {
    }

    public static byte[] encode(SessionCommand command) {
        WireWriter out = new WireWriter(64);
        out.writeByte(VERSION);
        if (command instanceof SessionCommand.Open c) {
            out.writeByte(OPEN).writeString(c.sessionId()).writeString(c.owner()).writeLong(c.ttlMillis());
        } else if (command instanceof SessionCommand.KeepAlive c) {
            out.writeByte(KEEP_ALIVE).writeString(c.sessionId());
        } else if (command instanceof SessionCommand.Close c) {
            out.writeByte(CLOSE).writeString(c.sessionId());
        } else {
            List<String> ids = ((SessionCommand.Expire) command).sessionIds();
            out.writeByte(EXPIRE).writeInt(ids.size());
            ids.forEach(out::writeString);
        }
        return out.toByteArray();
    }

    public static SessionCommand decode(byte[] bytes) throws CodecException {
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        int tag = in.readByte("tag");
        SessionCommand command = switch (tag) {
            case OPEN -> new SessionCommand.Open(SessionWire.readId(in, "sessionId"), SessionWire.readId(in, "owner"),
                    in.readLong("ttl"));
            case KEEP_ALIVE -> new SessionCommand.KeepAlive(SessionWire.readId(in, "sessionId"));
            case CLOSE -> new SessionCommand.Close(SessionWire.readId(in, "sessionId"));
            case EXPIRE -> readExpire(in);
            default -> throw new CodecException(FORMAT + ": unknown tag " + tag);
        };
        in.expectEnd(FORMAT);
        return command;
    }

    private static SessionCommand.Expire readExpire(WireReader in) throws CodecException {
        int n = in.readCount("sessionIds.count", SessionWire.MAX_ITEMS, 4);
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(SessionWire.readId(in, "sessionId"));
        }
        return new SessionCommand.Expire(ids);
    }
}
