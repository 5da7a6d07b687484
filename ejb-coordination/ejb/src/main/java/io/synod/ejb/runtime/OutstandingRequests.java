package io.synod.ejb.runtime;

import io.synod.core.consensus.NodeId;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.kv.KeyValue;
import io.synod.ejb.transport.ClientFrame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Leader-only requests this runtime originated, until they are answered: each is sent to whoever leads — this
 * node itself, or the leader over the transport — and sent again, with the same client id and sequence, when
 * the leader changes, the connection to it is lost, an attempt goes unanswered for {@code attemptTimeout}, or the
 * leader answers that it did not (or cannot say it did) apply it. The duplicate filter makes every resend of a
 * write safe (see {@link ClientLanes}); reads are idempotent.
 *
 * <p>At the request timeout a write that may have reached a log fails with {@link IndeterminateOutcomeException};
 * one that never did, and every unanswered read, with {@link NoLeaderException}. Event-loop only.
 */
final class OutstandingRequests {

    private abstract static class Request {
        final long correlation;
        final long deadlineNanos;
        Optional<NodeId> inFlightTo = Optional.empty();
        long sentAtNanos;
        long retryAtNanos;
        boolean maybeProposed;
        int attempts;

        Request(long correlation, long deadlineNanos) {
            this.correlation = correlation;
            this.deadlineNanos = deadlineNanos;
        }

        abstract ClientFrame frame();

        abstract void fail(RuntimeException cause);
    }

    private static final class Write extends Request {
        final ServiceId service;
        final byte[] payload;
        final CompletableFuture<byte[]> future;
        final long startNanos;
        ClientLanes.Lane lane;

        Write(long correlation, long deadlineNanos, ServiceId service, byte[] payload,
              CompletableFuture<byte[]> future, long startNanos) {
            super(correlation, deadlineNanos);
            this.service = service;
            this.payload = payload;
            this.future = future;
            this.startNanos = startNanos;
        }

        @Override
        ClientFrame frame() {
            return new ClientFrame.WriteRequest(correlation, lane.client(), lane.sequence(), service, payload);
        }

        @Override
        void fail(RuntimeException cause) {
            future.completeExceptionally(cause);
        }
    }

    private static final class Read extends Request {
        final String key;
        final boolean lease;
        final CompletableFuture<Optional<KeyValue>> future;

        Read(long correlation, long deadlineNanos, String key, boolean lease,
             CompletableFuture<Optional<KeyValue>> future) {
            super(correlation, deadlineNanos);
            this.key = key;
            this.lease = lease;
            this.future = future;
        }

        @Override
        ClientFrame frame() {
            return new ClientFrame.ReadRequest(correlation, key, lease);
        }

        @Override
        void fail(RuntimeException cause) {
            future.completeExceptionally(cause);
        }
    }

    private final RequestRoute route;
    private final ClientLanes lanes;
    private final RuntimeMetrics metrics;
    private final long timeoutNanos;
    private final long attemptTimeoutNanos;
    private final TreeMap<Long, Request> active = new TreeMap<>();
    /** Writes waiting for a free lane, oldest first. */
    private final ArrayDeque<Write> waiting = new ArrayDeque<>();
    private long nextCorrelation = 1;

    OutstandingRequests(RequestRoute route, ClientLanes lanes, RuntimeMetrics metrics, long timeoutNanos,
                        long attemptTimeoutNanos) {
        this.route = route;
        this.lanes = lanes;
        this.metrics = metrics;
        this.timeoutNanos = timeoutNanos;
        this.attemptTimeoutNanos = attemptTimeoutNanos;
    }

    void write(ServiceId service, byte[] payload, CompletableFuture<byte[]> future, long nowNanos) {
        Write w = new Write(nextCorrelation++, nowNanos + timeoutNanos, service, payload, future, nowNanos);
        waiting.addLast(w);
        admitWaiting(nowNanos);
    }

    void read(String key, boolean lease, CompletableFuture<Optional<KeyValue>> future, long nowNanos) {
        Read r = new Read(nextCorrelation++, nowNanos + timeoutNanos, key, lease, future);
        active.put(r.correlation, r);
        dispatch(r, nowNanos);
    }

    /** An answer from {@code from} (a peer's frame, or this node's own leader code). Late duplicates are ignored. */
    void onReply(NodeId from, ClientFrame reply, long nowNanos) {
        Request r = active.get(reply.correlation());
        if (r == null) {
            return;
        }
        if (reply instanceof ClientFrame.WriteReply ok && r instanceof Write w) {
            finish(w);
            lanes.succeeded(w.lane, nowNanos);
            metrics.requestServed(nowNanos - w.startNanos, !from.equals(route.self()));
            w.future.complete(ok.result());
            admitWaiting(nowNanos);
        } else if (reply instanceof ClientFrame.ReadReply ok && r instanceof Read read) {
            finish(read);
            read.future.complete(ok.kv());
        } else if (reply instanceof ClientFrame.Refusal refusal) {
            onRefusal(r, from, refusal, nowNanos);
        } else {
            // a reply of the wrong shape can only come from a broken peer: do not trust the rest of it
            fail(r, new IllegalStateException(from + " answered " + r.frame() + " with " + reply), nowNanos);
        }
    }

    private void onRefusal(Request r, NodeId from, ClientFrame.Refusal refusal, long nowNanos) {
        switch (refusal.verdict()) {
            case INDETERMINATE -> fail(r, new IndeterminateOutcomeException(refusal.detail()), nowNanos);
            case FAILED -> fail(r, new RequestRejectedException(refusal.detail()), nowNanos);
            case NOT_PROPOSED, UNKNOWN -> {
                if (r.inFlightTo.equals(Optional.of(from))) {
                    // retried at the next tick: by then this node may know the new leader
                    r.inFlightTo = Optional.empty();
                    r.retryAtNanos = nowNanos;
                }
            }
        }
    }

    /** The leader changed: resend at once whatever is not already with the new one. */
    void leaderChanged(Optional<NodeId> leader, long nowNanos) {
        if (leader.isEmpty()) {
            return;
        }
        for (Request r : List.copyOf(active.values())) {
            if (!r.inFlightTo.equals(leader)) {
                dispatch(r, nowNanos);
            }
        }
    }

    /** The connection to {@code peer} failed: its replies may never come, so resend at the next tick. */
    void unreachable(NodeId peer, long nowNanos) {
        for (Request r : active.values()) {
            if (r.inFlightTo.equals(Optional.of(peer))) {
                r.inFlightTo = Optional.empty();
                r.retryAtNanos = nowNanos;
            }
        }
    }

    /** Every tick: time out what passed its deadline, resend what is due. */
    void tick(long nowNanos) {
        for (Request r : List.copyOf(active.values())) {
            if (!active.containsKey(r.correlation)) {
                continue; // finished by an earlier iteration's synchronous reply
            }
            if (nowNanos - r.deadlineNanos >= 0) {
                fail(r, timedOut(r), nowNanos);
            } else if (r.inFlightTo.isEmpty() ? nowNanos - r.retryAtNanos >= 0 : isLost(r, nowNanos)) {
                dispatch(r, nowNanos);
            }
        }
        List<Write> expired = new ArrayList<>();
        waiting.removeIf(w -> nowNanos - w.deadlineNanos >= 0 && expired.add(w));
        expired.forEach(w -> w.fail(new NoLeaderException("all " + lanes.busy()
                + " client sessions stayed busy for the request timeout; the write was not sent")));
    }

    /** The node stops: nothing will be answered any more. */
    void failAll(String why) {
        for (Request r : List.copyOf(active.values())) {
            finish(r);
            if (r instanceof Write w) {
                lanes.retired(w.lane);
            }
            r.fail(r.maybeProposed ? new IndeterminateOutcomeException("the node stopped before the outcome of "
                    + r.frame() + " was known: " + why) : new NodeStoppedException(why));
        }
        waiting.forEach(w -> w.fail(new NodeStoppedException(why)));
        waiting.clear();
    }

    int size() {
        return active.size() + waiting.size();
    }

    /**
     * An attempt with a peer is presumed lost after the attempt timeout (a dropped frame, a leader that died). One
     * with this node is not: its own leader code always answers — when the entry applies, or when leadership is
     * lost — so resending would only put a duplicate in the log.
     */
    private boolean isLost(Request r, long nowNanos) {
        return !r.inFlightTo.equals(Optional.of(route.self())) && nowNanos - r.sentAtNanos >= attemptTimeoutNanos;
    }

    private RuntimeException timedOut(Request r) {
        if (r instanceof Write && r.maybeProposed) {
            return new IndeterminateOutcomeException("no leader confirmed " + r.frame() + " within the request"
                    + " timeout; it may or may not be applied");
        }
        return new NoLeaderException("no leader " + (r.attempts == 0 ? "was known" : "answered") + " within the"
                + " request timeout (" + r.attempts + " attempts); nothing was proposed" + (r instanceof Read ? ""
                : " by this request"));
    }

    private void admitWaiting(long nowNanos) {
        while (!waiting.isEmpty()) {
            Optional<ClientLanes.Lane> lane = lanes.acquire(nowNanos);
            if (lane.isEmpty()) {
                return;
            }
            Write w = waiting.pollFirst();
            w.lane = lane.get();
            active.put(w.correlation, w);
            dispatch(w, nowNanos);
        }
    }

    private void dispatch(Request r, long nowNanos) {
        Optional<NodeId> leader = route.leader();
        if (leader.isEmpty()) {
            r.inFlightTo = Optional.empty();
            r.retryAtNanos = nowNanos; // tried again at every tick until a leader is known
            return;
        }
        if (r.attempts > 0) {
            metrics.requestRetried();
        }
        r.attempts++;
        r.inFlightTo = leader;
        r.sentAtNanos = nowNanos;
        if (leader.get().equals(route.self())) {
            boolean proposed = route.serveLocally(r.frame());
            r.maybeProposed |= proposed;
        } else {
            r.maybeProposed = true; // from here on nobody can promise it was not proposed
            route.forward(leader.get(), r.frame());
        }
    }

    private void fail(Request r, RuntimeException cause, long nowNanos) {
        finish(r);
        if (r instanceof Write w) {
            lanes.retired(w.lane);
        }
        r.fail(cause);
        admitWaiting(nowNanos);
    }

    private void finish(Request r) {
        active.remove(r.correlation);
    }
}
