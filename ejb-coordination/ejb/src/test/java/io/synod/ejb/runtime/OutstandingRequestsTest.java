package io.synod.ejb.runtime;

import io.synod.core.consensus.NodeId;
import io.synod.core.statemachine.ServiceId;
import io.synod.core.statemachine.kv.KeyValue;
import io.synod.ejb.transport.ClientFrame;
import io.synod.ejb.transport.ClientFrame.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The forwarding client's retry rules as a protocol trace, on a scripted view of who leads (time is a plain
 * number: nothing here sleeps). Every resend of a write must carry the same client id and sequence.
 */
class OutstandingRequestsTest {

    private static final NodeId SELF = NodeId.of("n1");
    private static final NodeId A = NodeId.of("n2");
    private static final NodeId B = NodeId.of("n3");
    private static final long TIMEOUT = 10_000;
    private static final long ATTEMPT = 1_000;

    /** The scripted leader view, and every attempt the requests made. */
    private static final class ScriptedRoute implements RequestRoute {
        Optional<NodeId> leader = Optional.empty();
        final List<NodeId> targets = new ArrayList<>();
        final List<ClientFrame> sent = new ArrayList<>();

        @Override
        public NodeId self() {
            return SELF;
        }

        @Override
        public Optional<NodeId> leader() {
            return leader;
        }

        @Override
        public boolean serveLocally(ClientFrame request) {
            targets.add(SELF);
            sent.add(request);
            return true;
        }

        @Override
        public void forward(NodeId to, ClientFrame request) {
            targets.add(to);
            sent.add(request);
        }

        ClientFrame.WriteRequest lastWrite() {
            return (ClientFrame.WriteRequest) sent.get(sent.size() - 1);
        }
    }

    private final ScriptedRoute route = new ScriptedRoute();
    private final ClientLanes lanes = new ClientLanes(SELF, 2, 60_000);
    private final OutstandingRequests requests = new OutstandingRequests(route, lanes, new RuntimeMetrics(),
            TIMEOUT, ATTEMPT);

    @Test
    void aWriteFollowsTheLeaderWithTheSameClientAndSequenceUntilApplied() throws Exception {
        route.leader = Optional.of(A);
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        requests.write(ServiceId.KV, new byte[]{1}, done, 0);
        ClientFrame.WriteRequest first = route.lastWrite();

        requests.onReply(A, new ClientFrame.Refusal(first.correlation(), Verdict.UNKNOWN, Optional.empty(), "lost"), 10);
        route.leader = Optional.of(B);
        requests.leaderChanged(route.leader, 20);       // resent at once to the new leader
        requests.unreachable(B, 30);                    // the connection drops: resent at the next tick
        requests.tick(40);
        requests.tick(40 + ATTEMPT);                    // unanswered for an attempt timeout: resent again

        assertThat(route.targets).containsExactly(A, B, B, B);
        for (ClientFrame f : route.sent) {
            ClientFrame.WriteRequest w = (ClientFrame.WriteRequest) f;
            assertThat(List.of(w.client(), w.sequence())).containsExactly(first.client(), 1L);
        }
        requests.onReply(B, new ClientFrame.WriteReply(first.correlation(), new byte[]{42}), 2_000);
        requests.onReply(B, new ClientFrame.WriteReply(first.correlation(), new byte[]{43}), 2_001); // a late duplicate
        assertThat(done.get()).containsExactly(42);
        assertThat(requests.size()).isZero();

        CompletableFuture<byte[]> next = new CompletableFuture<>();
        requests.write(ServiceId.KV, new byte[]{2}, next, 3_000);
        assertThat(List.of(route.lastWrite().client(), route.lastWrite().sequence()))
                .as("the lane moves on to the next sequence").containsExactly(first.client(), 2L);
    }

    @Test
    void aRefusalFromANodeNoLongerAskedDoesNotCancelTheAttemptInFlight() {
        route.leader = Optional.of(A);
        requests.write(ServiceId.KV, new byte[]{1}, new CompletableFuture<>(), 0);
        long correlation = route.lastWrite().correlation();
        route.leader = Optional.of(B);
        requests.leaderChanged(route.leader, 1);

        requests.onReply(A, new ClientFrame.Refusal(correlation, Verdict.NOT_PROPOSED, Optional.of(B), "not me"), 2);
        requests.tick(3);

        assertThat(route.targets).as("still waiting for B, not resent").containsExactly(A, B);
    }

    @Test
    void aWriteThatMayHaveBeenProposedEndsIndeterminateAtTheDeadlineAndRetiresItsSession() {
        route.leader = Optional.of(A);
        CompletableFuture<byte[]> lost = new CompletableFuture<>();
        requests.write(ServiceId.KV, new byte[]{1}, lost, 0);
        var firstSession = route.lastWrite().client();
        route.leader = Optional.empty();
        requests.unreachable(A, 5);
        requests.tick(TIMEOUT);

        assertThat(cause(lost)).isInstanceOf(IndeterminateOutcomeException.class);
        route.leader = Optional.of(A);
        requests.write(ServiceId.KV, new byte[]{2}, new CompletableFuture<>(), TIMEOUT + 1);
        assertThat(route.lastWrite().client()).as("a new session").isNotEqualTo(firstSession);
        assertThat(route.lastWrite().sequence()).isEqualTo(1);
    }

    @Test
    void withNoLeaderForTheWholeDeadlineNothingIsSentAndTheFailureSaysSo() {
        CompletableFuture<byte[]> write = new CompletableFuture<>();
        CompletableFuture<Optional<KeyValue>> read = new CompletableFuture<>();
        requests.write(ServiceId.KV, new byte[]{1}, write, 0);
        requests.read("k", false, read, 0);
        for (long t = 0; t <= TIMEOUT; t += 100) {
            requests.tick(t);
        }

        assertThat(route.sent).isEmpty();
        assertThat(cause(write)).isInstanceOf(NoLeaderException.class);
        assertThat(cause(read)).isInstanceOf(NoLeaderException.class);
    }

    @Test
    void finalVerdictsEndTheRequestAtOnce() {
        route.leader = Optional.of(A);
        CompletableFuture<byte[]> stale = new CompletableFuture<>();
        CompletableFuture<byte[]> invalid = new CompletableFuture<>();
        requests.write(ServiceId.KV, new byte[]{1}, stale, 0);
        requests.onReply(A, new ClientFrame.Refusal(route.lastWrite().correlation(), Verdict.INDETERMINATE,
                Optional.empty(), "session forgotten"), 1);
        requests.write(ServiceId.KV, new byte[]{2}, invalid, 2);
        requests.onReply(A, new ClientFrame.Refusal(route.lastWrite().correlation(), Verdict.FAILED,
                Optional.empty(), "bad key"), 3);

        assertThat(cause(stale)).isInstanceOf(IndeterminateOutcomeException.class);
        assertThat(cause(invalid)).isInstanceOf(RequestRejectedException.class).hasMessage("bad key");
        assertThat(requests.size()).isZero();
    }

    @Test
    void writesBeyondTheLanesWaitForOneAndAreSentWhenItFrees() throws Exception {
        route.leader = Optional.of(SELF);
        List<CompletableFuture<byte[]>> writes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            writes.add(new CompletableFuture<>());
            requests.write(ServiceId.KV, new byte[]{(byte) i}, writes.get(i), i);
        }
        assertThat(route.sent).as("two lanes, two in flight").hasSize(2);
        assertThat(((ClientFrame.WriteRequest) route.sent.get(0)).client())
                .isNotEqualTo(((ClientFrame.WriteRequest) route.sent.get(1)).client());

        requests.onReply(SELF, new ClientFrame.WriteReply(route.sent.get(0).correlation(), new byte[]{7}), 5);

        assertThat(writes.get(0).get()).containsExactly(7);
        assertThat(route.sent).hasSize(3);
        assertThat(route.lastWrite().payload()).containsExactly(2);
        assertThat(route.lastWrite().client()).as("the freed lane, next sequence")
                .isEqualTo(((ClientFrame.WriteRequest) route.sent.get(0)).client());
        assertThat(route.lastWrite().sequence()).isEqualTo(2);
    }

    @Test
    void anAttemptWithThisNodeAsLeaderIsNotResentForWantOfAnAnswer() {
        route.leader = Optional.of(SELF);
        requests.write(ServiceId.KV, new byte[]{1}, new CompletableFuture<>(), 0);
        requests.tick(5 * ATTEMPT);

        assertThat(route.targets).as("its own leader code always answers").containsExactly(SELF);
    }

    @Test
    void stoppingFailsWhatMayHaveBeenProposedAsIndeterminateAndTheRestAsStopped() {
        route.leader = Optional.of(A);
        CompletableFuture<byte[]> sent = new CompletableFuture<>();
        requests.write(ServiceId.KV, new byte[]{1}, sent, 0);
        route.leader = Optional.empty();
        CompletableFuture<Optional<KeyValue>> unsent = new CompletableFuture<>();
        requests.read("k", false, unsent, 1);

        requests.failAll("stopping");

        assertThat(cause(sent)).isInstanceOf(IndeterminateOutcomeException.class);
        assertThat(cause(unsent)).isInstanceOf(NodeStoppedException.class);
    }

    private static Throwable cause(CompletableFuture<?> future) {
        assertThat(future).isDone();
        return ((ExecutionException) catchThrowable(future::get)).getCause();
    }
}
