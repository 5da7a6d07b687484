/**
 * The transport between Synod instances: consensus messages as length-prefixed binary frames over TCP (Netty),
 * each connection authenticated by a mutual HMAC-SHA256 challenge-response keyed with the cluster secret.
 *
 * <p>Direction: every node dials each peer it sends to ({@link io.synod.ejb.transport.PeerLink}) and only
 * receives on the connections it accepts, like etcd's per-direction streams; a message and its answer travel on
 * two connections. That keeps each connection's state machine one-sided and simple.
 *
 * <p>Frame: {@code int32 length | byte kind | payload}, see {@link io.synod.ejb.transport.FrameKind}. Handshake
 * ({@link io.synod.ejb.transport.AuthTranscript}): HELLO (client id, expected server id, client nonce) →
 * CHALLENGE (server id, server nonce, server proof) → PROOF (client proof); then MESSAGE frames client → server,
 * and CLIENT_REQUEST / CLIENT_REPLY frames ({@link io.synod.ejb.transport.ClientFrame}): requests a follower
 * forwards to the leader and the leader's replies, each on the sender's own outbound connection.
 * Anything else before authentication, any malformed or oversized frame closes the connection, is logged and
 * counted ({@link io.synod.ejb.transport.TransportCounters}) and never reaches the consumer.
 */
package io.synod.ejb.transport;
