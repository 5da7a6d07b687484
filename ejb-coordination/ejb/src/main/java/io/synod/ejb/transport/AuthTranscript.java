package io.synod.ejb.transport;

import io.synod.core.codec.WireWriter;
import io.synod.core.consensus.NodeId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The facts one handshake agrees on, and the two proofs over them.
 *
 * <p>Each proof is HMAC-SHA256, keyed by the cluster secret, over a role label, the protocol version, the
 * consensus protocol, both node ids and both nonces. Why each part is there:
 * <ul>
 *   <li>both nonces, each chosen at random by one side: neither side's proof can be replayed into another
 *       connection, because the other side's fresh nonce will differ;</li>
 *   <li>the role label ("client"/"server"): a server proof can never be reflected back as a client proof;</li>
 *   <li>both node ids: the connection is bound to who claims to be on each end, so an authenticated peer cannot
 *       later speak for another node, and a connection to a stale address is refused by the wrong node;</li>
 *   <li>the version: a downgrade would change the transcript and break both proofs;</li>
 *   <li>the consensus protocol (raft, multipaxos): both sides checked it in the clear, the proofs make sure
 *       nobody in between rewrote it so that a Raft member and a Paxos member exchange messages.</li>
 * </ul>
 * Fields are length-prefixed ({@link WireWriter}) so that no two transcripts concatenate to the same bytes.
 */
record AuthTranscript(int version, String protocol, NodeId clientId, NodeId serverId, byte[] clientNonce,
                      byte[] serverNonce) {

    static final int PROTOCOL_VERSION = 1;
    static final int NONCE_BYTES = 32;
    static final int PROOF_BYTES = 32;

    private static final String CLIENT_LABEL = "synod/transport/client";
    private static final String SERVER_LABEL = "synod/transport/server";
    private static final SecureRandom RANDOM = new SecureRandom();

    AuthTranscript {
        Objects.requireNonNull(protocol);
        Objects.requireNonNull(clientId);
        Objects.requireNonNull(serverId);
        Objects.requireNonNull(clientNonce);
        Objects.requireNonNull(serverNonce);
    }

    static byte[] newNonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /** What the server sends to prove it knows the secret. */
    byte[] serverProof(byte[] secret) {
        return mac(secret, SERVER_LABEL);
    }

    /** What the client sends to prove it knows the secret. */
    byte[] clientProof(byte[] secret) {
        return mac(secret, CLIENT_LABEL);
    }

    /** Constant-time comparison: a timing difference must not reveal how much of a forged proof was right. */
    static boolean matches(byte[] expected, byte[] received) {
        return MessageDigest.isEqual(expected, received);
    }

    private byte[] mac(byte[] secret, String label) {
        byte[] transcript = new WireWriter(256)
                .writeString(label)
                .writeInt(version)
                .writeString(protocol)
                .writeString(clientId.value())
                .writeString(serverId.value())
                .writeBytes(clientNonce)
                .writeBytes(serverNonce)
                .toByteArray();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(transcript);
        } catch (GeneralSecurityException e) {
            // every Java platform must provide HmacSHA256 (JCA standard algorithms); this cannot happen
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
