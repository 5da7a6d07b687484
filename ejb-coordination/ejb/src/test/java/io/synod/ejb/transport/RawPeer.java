package io.synod.ejb.transport;

import io.synod.core.consensus.NodeId;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/** A hand-driven TCP client: sends whatever bytes a test wants, including a correct handshake. */
final class RawPeer implements AutoCloseable {

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    RawPeer(InetSocketAddress address) throws IOException {
        socket.connect(address, 2_000);
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    static byte[] frame(byte kind, byte[] payload) {
        return ByteBuffer.allocate(4 + 1 + payload.length).putInt(1 + payload.length).put(kind).put(payload).array();
    }

    void sendFrame(byte kind, byte[] payload) throws IOException {
        sendRaw(frame(kind, payload));
    }

    /** @return kind byte followed by the payload */
    byte[] readFrame() throws IOException {
        int length = in.readInt();
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    /** Completes a correct handshake as {@code self}, exactly as a real client would. */
    void authenticate(NodeId self, NodeId server, byte[] secret) throws Exception {
        byte[] nonce = AuthTranscript.newNonce();
        sendFrame(FrameKind.HELLO, HandshakeFrames.hello(new HandshakeFrames.Hello(1, TransportFixture.CODEC.familyNames(), self, server, nonce)));
        byte[] frame = readFrame();
        if (frame[0] != FrameKind.CHALLENGE) {
            throw new IllegalStateException("expected CHALLENGE, got kind " + frame[0]);
        }
        byte[] payload = java.util.Arrays.copyOfRange(frame, 1, frame.length);
        HandshakeFrames.Challenge challenge = HandshakeFrames.readChallenge(payload);
        AuthTranscript transcript = new AuthTranscript(1, TransportFixture.CODEC.familyNames(), self, server, nonce, challenge.serverNonce());
        sendFrame(FrameKind.PROOF, HandshakeFrames.proof(transcript.clientProof(secret)));
    }

    /** Reads (and discards) until the server closes the connection; false if it stays open for 20 s. */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() != -1) {
                // a CHALLENGE may come first; only the end of the stream matters
            }
            return true;
        } catch (EOFException | SocketException e) {
            return true; // reset: closed as well
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
