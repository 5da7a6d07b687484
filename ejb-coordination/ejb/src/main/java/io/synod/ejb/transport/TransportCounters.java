package io.synod.ejb.transport;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the transport did, for metrics (issue 4: bytes in/out, rejected frames) and for the tests. Counters
 * only grow; they are updated from Netty's event loops and read from anywhere.
 */
public final class TransportCounters {

    private final LongAdder framesIn = new LongAdder();
    private final LongAdder framesOut = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder messagesDelivered = new LongAdder();
    private final LongAdder clientFramesDelivered = new LongAdder();
    private final LongAdder connectionsAccepted = new LongAdder();
    private final LongAdder connectionsOpened = new LongAdder();
    private final LongAdder connectionsAuthenticated = new LongAdder();
    private final LongAdder authFailures = new LongAdder();
    private final Map<RejectReason, LongAdder> rejected = adders(RejectReason.class);
    private final Map<DropReason, LongAdder> dropped = adders(DropReason.class);

    private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
        Map<E, LongAdder> map = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            map.put(e, new LongAdder());
        }
        return map; // never structurally modified after construction, so safe to read concurrently
    }

    void frameIn(int bytes) {
        framesIn.increment();
        bytesIn.add(bytes);
    }

    void frameOut(int bytes) {
        framesOut.increment();
        bytesOut.add(bytes);
    }

    void delivered() {
        messagesDelivered.increment();
    }

    void clientFrameDelivered() {
        clientFramesDelivered.increment();
    }

    void accepted() {
        connectionsAccepted.increment();
    }

    void opened() {
        connectionsOpened.increment();
    }

    void authenticated() {
        connectionsAuthenticated.increment();
    }

    /** @return the count including this one, so callers can thin out their log lines */
    long authFailure() {
        authFailures.increment();
        return authFailures.sum();
    }

    long rejected(RejectReason reason) {
        LongAdder adder = rejected.get(reason);
        adder.increment();
        return adder.sum();
    }

    long dropped(DropReason reason) {
        LongAdder adder = dropped.get(reason);
        adder.increment();
        return adder.sum();
    }

    public long framesIn() {
        return framesIn.sum();
    }

    public long framesOut() {
        return framesOut.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Messages decoded, checked and handed to the consumer. */
    public long messagesDelivered() {
        return messagesDelivered.sum();
    }

    /** TCP connections accepted by this node's server. */
    /** Forwarded client requests and replies handed to the node. */
    public long clientFramesDelivered() {
        return clientFramesDelivered.sum();
    }

    public long connectionsAccepted() {
        return connectionsAccepted.sum();
    }

    /** TCP connections this node opened to peers. */
    public long connectionsOpened() {
        return connectionsOpened.sum();
    }

    /** Connections (either direction) whose handshake completed on this side. */
    public long connectionsAuthenticated() {
        return connectionsAuthenticated.sum();
    }

    /** Handshakes that failed on this side: wrong proof, wrong id or version, timeout, or abandoned. */
    public long authFailures() {
        return authFailures.sum();
    }

    public long rejectedFrames(RejectReason reason) {
        return rejected.get(reason).sum();
    }

    public long rejectedFrames() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long droppedMessages(DropReason reason) {
        return dropped.get(reason).sum();
    }

    /** Log the 1st, 2nd, 4th, 8th... occurrence only: a flood of bad frames must not flood the server log. */
    static boolean worthLogging(long occurrence) {
        return Long.bitCount(occurrence) == 1;
    }

    @Override
    public String toString() {
        return "TransportCounters[in=" + framesIn() + "/" + bytesIn() + "B out=" + framesOut() + "/" + bytesOut()
                + "B delivered=" + messagesDelivered() + " accepted=" + connectionsAccepted() + " opened="
                + connectionsOpened() + " authenticated=" + connectionsAuthenticated() + " authFailures="
                + authFailures() + " rejected=" + rejected + " dropped=" + dropped + "]";
    }
}
