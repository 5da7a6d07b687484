package io.synod.core.raft;

import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.Ready;
import io.synod.core.log.MemoryLogStorage;
import io.synod.core.raft.RaftMessage.AppendEntries;
import io.synod.core.raft.RaftMessage.AppendResponse;
import io.synod.core.raft.RaftMessage.RequestVote;
import io.synod.core.raft.RaftMessage.VoteResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.synod.core.raft.Network.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** The persistence rule: what an answer promises travels in the same Ready, to be made durable first. */
class PersistenceRuleTest {

    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");
    private static final NodeId C = NodeId.of("c");

    private final MemoryLogStorage storage = MemoryLogStorage.bootstrap(ConfState.ofVoters(Set.of(A, B, C)));

    private RaftNode follower(Set<InjectedBug> bugs) {
        return new RaftNode(Network.config(B).withBugs(bugs), storage, new Random(1));
    }

    @Test
    void aGrantedVoteLeavesInTheSameReadyAsTheHardStateRecordingIt() {
        RaftNode b = follower(Set.of());
        b.step(new RequestVote(7, A, B, 1, 0, 0, false, false));

        Ready rd = b.ready();
        assertThat(rd.messages()).containsExactly(new VoteResponse(7, B, A, 1, true, false));
        assertThat(rd.hardState()).hasValueSatisfying(hs -> {
            assertThat(hs.term()).isEqualTo(1);
            assertThat(hs.vote()).contains(A);
        });
        assertThat(rd.mustSync()).isTrue();
    }

    @Test
    void injectedBug_voteNotPersistedLeavesTheVoteOutOfTheHardState() {
        RaftNode b = follower(Set.of(InjectedBug.VOTE_NOT_PERSISTED));
        b.step(new RequestVote(7, A, B, 1, 0, 0, false, false));

        Ready rd = b.ready();
        assertThat(rd.messages()).containsExactly(new VoteResponse(7, B, A, 1, true, false));
        assertThat(rd.hardState()).hasValueSatisfying(hs -> assertThat(hs.vote()).isEmpty());
    }

    @Test
    void anAppendIsAcknowledgedInTheReadyThatCarriesItsEntries() {
        RaftNode b = follower(Set.of());
        var entry = io.synod.core.consensus.LogEntry.normal(1, 1, bytes("x"));
        b.step(new AppendEntries(7, A, B, 1, 0, 0, List.of(entry), 0));

        Ready rd = b.ready();
        assertThat(rd.entries()).containsExactly(entry);
        assertThat(rd.messages()).containsExactly(AppendResponse.success(7, B, A, 1, 1));
        assertThat(rd.mustSync()).isTrue();
        b.advance(rd);
        assertThat(b.hasReady()).isFalse();
    }

    @Test
    void aCommitOnlyChangeNeedsNoSync() {
        RaftNode b = follower(Set.of());
        var entry = io.synod.core.consensus.LogEntry.normal(1, 1, bytes("x"));
        b.step(new AppendEntries(7, A, B, 1, 0, 0, List.of(entry), 0));
        Ready first = b.ready();
        storage.append(first.entries());
        first.hardState().ifPresent(storage::setHardState);
        b.advance(first);
        b.step(new RaftMessage.Heartbeat(7, A, B, 1, 1, 0, 0));

        Ready rd = b.ready();
        assertThat(rd.committedEntries()).containsExactly(entry);
        assertThat(rd.hardState()).hasValueSatisfying(hs -> assertThat(hs.commit()).isEqualTo(1));
        assertThat(rd.mustSync()).isFalse();
    }

    @Test
    void messagesOfAnotherGroupOrForAnotherNodeAreIgnored() {
        RaftNode b = follower(Set.of());
        b.step(new RequestVote(8, A, B, 5, 0, 0, false, false));
        b.step(new RequestVote(7, A, C, 5, 0, 0, false, false));
        assertThat(b.hasReady()).isFalse();
        assertThat(b.status().term()).isZero();
    }
}
