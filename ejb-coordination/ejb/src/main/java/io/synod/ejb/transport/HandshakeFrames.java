package io.synod.ejb.transport;

import io.synod.core.codec.CodecException;
import io.synod.core.codec.MessageCodec;
import io.synod.core.codec.WireReader;
import io.synod.core.codec.WireWriter;
import io.synod.core.consensus.NodeId;

/** The payloads of the three handshake frames, written and read strictly (any defect: {@link CodecException}). */
final class HandshakeFrames {

    /** "SYND": lets a server tell a Synod peer from a stray client (an HTTP request, a port scanner) at once. */
    static final int MAGIC = 0x53594E44;

    /** Longest consensus protocol name (the codec's family names, e.g. "multipaxos"). */
    static final int MAX_PROTOCOL_BYTES = 64;

    /** {@code protocol}: the consensus protocol the client speaks; a server running another one refuses it. */
    record Hello(int version, String protocol, NodeId clientId, NodeId expectedServerId, byte[] clientNonce) {
    }

    record Challenge(int version, String protocol, NodeId serverId, byte[] serverNonce, byte[] serverProof) {
    }

    private HandshakeFrames() {
    }

    static byte[] hello(Hello h) {
        return new WireWriter(160).writeInt(MAGIC).writeByte(h.version()).writeString(h.protocol())
                .writeString(h.clientId().value())
                .writeString(h.expectedServerId().value()).writeBytes(h.clientNonce()).toByteArray();
    }

    static Hello readHello(byte[] payload) throws CodecException {
        WireReader in = new WireReader(payload);
        int magic = in.readInt("magic");
        if (magic != MAGIC) {
            throw new CodecException("hello: not a Synod peer (magic 0x" + Integer.toHexString(magic) + ")");
        }
        // the version is read, not expected: a mismatch is an auth failure the server reports with both numbers
        int version = in.readByte("version");
        String protocol = in.readString("protocol", MAX_PROTOCOL_BYTES);
        NodeId client = MessageCodec.readNodeId(in, "clientId");
        NodeId server = MessageCodec.readNodeId(in, "expectedServerId");
        byte[] nonce = readExactly(in, "clientNonce", AuthTranscript.NONCE_BYTES);
        in.expectEnd("hello");
        return new Hello(version, protocol, client, server, nonce);
    }

    static byte[] challenge(Challenge c) {
        return new WireWriter(160).writeByte(c.version()).writeString(c.protocol())
                .writeString(c.serverId().value())
                .writeBytes(c.serverNonce()).writeBytes(c.serverProof()).toByteArray();
    }

    static Challenge readChallenge(byte[] payload) throws CodecException {
        WireReader in = new WireReader(payload);
        int version = in.readByte("version");
        String protocol = in.readString("protocol", MAX_PROTOCOL_BYTES);
        NodeId server = MessageCodec.readNodeId(in, "serverId");
        byte[] nonce = readExactly(in, "serverNonce", AuthTranscript.NONCE_BYTES);
        byte[] proof = readExactly(in, "serverProof", AuthTranscript.PROOF_BYTES);
        in.expectEnd("challenge");
        return new Challenge(version, protocol, server, nonce, proof);
    }

    static byte[] proof(byte[] clientProof) {
        return new WireWriter(40).writeBytes(clientProof).toByteArray();
    }

    static byte[] readProof(byte[] payload) throws CodecException {
        WireReader in = new WireReader(payload);
        byte[] proof = readExactly(in, "clientProof", AuthTranscript.PROOF_BYTES);
        in.expectEnd("proof");
        return proof;
    }

    private static byte[] readExactly(WireReader in, String field, int length) throws CodecException {
        byte[] bytes = in.readBytes(field, length);
        if (bytes.length != length) {
            throw new CodecException(field + ": expected " + length + " bytes, got " + bytes.length);
        }
        return bytes;
    }
}
