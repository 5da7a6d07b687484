package io.synod.ejb.transport;

import io.synod.core.consensus.NodeId;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How one node's transport behaves.
 *
 * @param localId               this node; sent and proven in every handshake
 * @param bindAddress           where the server listens (port 0: an ephemeral port, see {@link PeerTransport#localAddress()})
 * @param clusterSecret         the HMAC key; never sent, never logged (at least 16 bytes)
 * @param outboundQueueCapacity messages queued per peer while its connection is down or busy
 * @param overflowPolicy        which message a full queue gives up
 * @param handshakeTimeout      a connection not authenticated by then is closed and counted as an auth failure
 * @param connectTimeout        TCP connect timeout towards a peer
 * @param reconnectMin          first reconnect delay after a failure; doubles per consecutive failure...
 * @param reconnectMax          ...up to this
 * @param ioThreads             Netty worker threads (the acceptor gets one more)
 */
public record TransportSettings(NodeId localId, InetSocketAddress bindAddress, byte[] clusterSecret,
                                int outboundQueueCapacity, OverflowPolicy overflowPolicy,
                                Duration handshakeTimeout, Duration connectTimeout, Duration reconnectMin,
                                Duration reconnectMax, int ioThreads) {

    /** The configuration rule for {@code synod.cluster-secret}, repeated here for callers that bypass it. */
    static final int MIN_SECRET_BYTES = 16;

    public TransportSettings {
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(clusterSecret, "clusterSecret");
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
        if (clusterSecret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("cluster secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        clusterSecret = clusterSecret.clone();
        if (outboundQueueCapacity < 1 || ioThreads < 1) {
            throw new IllegalArgumentException("outboundQueueCapacity and ioThreads must be >= 1");
        }
        for (Duration d : new Duration[]{handshakeTimeout, connectTimeout, reconnectMin, reconnectMax}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts and delays must be positive, got " + d);
            }
        }
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnectMax " + reconnectMax + " < reconnectMin " + reconnectMin);
        }
    }

    /** Production defaults: 1024 queued messages per peer, 5 s handshakes, reconnect from 100 ms up to 2 s. */
    public static TransportSettings defaults(NodeId localId, InetSocketAddress bindAddress, byte[] clusterSecret) {
        return new TransportSettings(localId, bindAddress, clusterSecret, 1024,
                OverflowPolicy.DROP_OLDEST, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMillis(100),
                Duration.ofSeconds(2), 2);
    }

    public TransportSettings withQueue(int capacity, OverflowPolicy policy) {
        return new TransportSettings(localId, bindAddress, clusterSecret, capacity, policy, handshakeTimeout,
                connectTimeout, reconnectMin, reconnectMax, ioThreads);
    }

    public TransportSettings withReconnect(Duration min, Duration max) {
        return new TransportSettings(localId, bindAddress, clusterSecret, outboundQueueCapacity,
                overflowPolicy, handshakeTimeout, connectTimeout, min, max, ioThreads);
    }

    public TransportSettings withHandshakeTimeout(Duration timeout) {
        return new TransportSettings(localId, bindAddress, clusterSecret, outboundQueueCapacity,
                overflowPolicy, timeout, connectTimeout, reconnectMin, reconnectMax, ioThreads);
    }

    @Override
    public byte[] clusterSecret() {
        return clusterSecret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportSettings s && localId.equals(s.localId) && bindAddress.equals(s.bindAddress)
                && Arrays.equals(clusterSecret, s.clusterSecret)
                && outboundQueueCapacity == s.outboundQueueCapacity && overflowPolicy == s.overflowPolicy
                && handshakeTimeout.equals(s.handshakeTimeout) && connectTimeout.equals(s.connectTimeout)
                && reconnectMin.equals(s.reconnectMin) && reconnectMax.equals(s.reconnectMax) && ioThreads == s.ioThreads;
    }

    @Override
    public int hashCode() {
        return Objects.hash(localId, bindAddress, outboundQueueCapacity);
    }

    /** Redacts the secret: settings end up in logs. */
    @Override
    public String toString() {
        return "TransportSettings[" + localId + " @" + bindAddress + " secret=******** queue="
                + outboundQueueCapacity + "/" + overflowPolicy + " handshake=" + handshakeTimeout + " connect="
                + connectTimeout + " reconnect=" + reconnectMin + ".." + reconnectMax + " ioThreads=" + ioThreads + "]";
    }
}
