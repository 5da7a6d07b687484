package io.synod.ejb.transport;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

/**
 * Wire format of a {@link Heartbeat}: {@code version | sequence}, exactly {@link #LENGTH} bytes. Anything else
 * (another length, an unknown version, a negative sequence) is a {@link CodecException}: the transport counts it as
 * a malformed frame and closes the connection, like every other malformed frame.
 */
final class HeartbeatCodec {

    static final int VERSION = 1;
    static final int LENGTH = 1 + 8;
    private static final String FORMAT = "heartbeat";

    private HeartbeatCodec() {
    }

    static byte[] encode(Heartbeat heartbeat) {
        return new WireWriter().writeByte(VERSION).writeLong(heartbeat.sequence()).toByteArray();
    }

    static Heartbeat decode(byte[] bytes) throws CodecException {
        if (bytes.length != LENGTH) {
            throw new CodecException(FORMAT + ": " + bytes.length + " bytes, expected " + LENGTH);
        }
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        long sequence = in.readLongAtLeast("heartbeat.sequence", 0);
        in.expectEnd(FORMAT);
        return new Heartbeat(sequence);
    }
}
