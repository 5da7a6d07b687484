package io.synod.core.statemachine;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;

/**
 * Wire format of a {@link CommandEnvelope}, version 1:
 * {@code version:u8 | clientId:string | sequence:i64 | leaderTime:i64 | service:u8 | payload:bytes}.
 */
public final class EnvelopeCodec {

    public static final int VERSION = 1;
    /** Hard upper bound of a payload on decode, independent of any service's configured limits. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

    private static final String FORMAT = "envelope";

    private EnvelopeCodec() {
    }

    public static byte[] encode(CommandEnvelope envelope) {
        return new WireWriter(envelope.payload().length + 48)
                .writeByte(VERSION)
                .writeString(envelope.clientId().value())
                .writeLong(envelope.sequence())
                .writeLong(envelope.leaderTimeMillis())
                .writeByte(envelope.service().code())
                .writeBytes(envelope.payload())
                .toByteArray();
    }

    public static CommandEnvelope decode(byte[] bytes) throws CodecException {
        WireReader in = new WireReader(bytes);
        in.expectVersion(VERSION, FORMAT);
        String client = in.readString("clientId", ClientId.MAX_BYTES);
        long sequence = in.readLongAtLeast("sequence", 1);
        long leaderTime = in.readLongAtLeast("leaderTime", 0);
        int serviceCode = in.readByte("service");
        ServiceId service = ServiceId.fromCode(serviceCode)
                .orElseThrow(() -> new CodecException("service: unknown code " + serviceCode));
        byte[] payload = in.readBytes("payload", MAX_PAYLOAD_BYTES);
        in.expectEnd(FORMAT);
        try {
            return new CommandEnvelope(new ClientId(client), sequence, leaderTime, service, payload);
        } catch (IllegalArgumentException e) {
            throw new CodecException(FORMAT + ": " + e.getMessage());
        }
    }
}
