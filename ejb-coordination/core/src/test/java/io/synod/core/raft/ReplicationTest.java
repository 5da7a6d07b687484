package io.synod.core.raft;

import io.synod.core.consensus.LogEntry;
import io.synod.core.consensus.NodeId;
import io.synod.core.consensus.Role;
import io.synod.core.raft.RaftMessage.AppendEntries;
import io.synod.core.raft.RaftMessage.AppendResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.synod.core.raft.Network.bytes;
import static org.assertj.core.api.Assertions.assertThat;

class ReplicationTest {

    @Test
    void aFollowerWithALongDivergentTailIsRepairedWithFastBacktracking() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        net.isolate("a");
        for (int i = 0; i < 20; i++) {
            net.node("a").propose(bytes("lost-" + i)); // a's term-1 tail, never committed
        }
        net.stabilize();
        String first = net.tickUntilLeader("b", "c");
        for (int i = 0; i < 20; i++) {
            net.node(first).propose(bytes("kept-" + i)); // term 2, committed by b and c
        }
        net.stabilize();
        // hand over so that the next leader's probe of a starts from its own long log (term 3)
        String second = first.equals("b") ? "c" : "b";
        net.node(first).transferLeadership(NodeId.of(second));
        net.stabilize();
        assertThat(net.node(second).status().role()).isEqualTo(Role.LEADER);
        assertThat(net.node("a").log.lastIndex()).isEqualTo(21);
        assertThat(net.node(second).log.lastIndex()).isEqualTo(23);

        net.heal();
        net.clearTrace();
        net.tickAll(3);

        // a rejects prev=22 with hint (21, term 1); the leader's last index with term <= 1 is 1, so it skips
        // the whole conflicting tail in one step instead of 21 single-entry probes.
        long rejections = net.trace.stream()
                .filter(t -> t.startsWith("AppendResponse[") && t.contains("from=a") && t.contains("reject=true"))
                .count();
        assertThat(rejections).isEqualTo(1);
        assertThat(net.trace).anyMatch(t -> t.contains("from=a") && t.contains("rejectHint=21, hintTerm=1"));
        assertThat(net.trace).anyMatch(t -> t.startsWith("AppendEntries[" + second + "->a t3 prev=1/1"));
        assertThat(net.node("a").status().role()).isEqualTo(Role.FOLLOWER);
        assertThat(net.member("a").applied).hasSize(20).allMatch(c -> c.startsWith("kept-"));
        assertThat(net.node("a").log.lastIndex()).isEqualTo(net.node(second).log.lastIndex());
    }

    @Test
    void theFlowControlWindowBoundsUnacknowledgedAppendsAndMaxSizeBoundsEachBatch() {
        // each "cmd-N" entry is 29 bytes: three fit in 100 bytes
        Network net = Network.withConfig(id -> new RaftConfig(id, 7, 10, 1, true, true, 100, 2, 1024, Set.of()),
                "a", "b", "c");
        net.elect("a");

        for (int i = 0; i < 20; i++) {
            net.node("a").propose(bytes("cmd-" + (char) ('a' + i)));
        }
        net.processReady(net.member("a"));
        List<AppendEntries> toB = net.pending().stream()
                .filter(m -> m instanceof AppendEntries a && a.to().equals(NodeId.of("b")) && !a.entries().isEmpty())
                .map(m -> (AppendEntries) m)
                .toList();

        // REPLICATE state: at most maxInflightMsgs (2) messages in flight, each at most 100 bytes of entries
        assertThat(toB).hasSize(2);
        assertThat(toB).allSatisfy(m -> assertThat(m.entries().stream().mapToLong(LogEntry::sizeInBytes).sum())
                .isLessThanOrEqualTo(100));
        assertThat(toB.get(1).prevIndex()).isEqualTo(toB.get(0).entries().get(0).index()); // pipelined
        assertThat(net.node("a").status().progress().get(NodeId.of("b")).state()).isEqualTo("REPLICATE");

        // acknowledgements open the window again; the backlog then travels in full batches of three
        net.clearTrace();
        net.stabilize();
        assertThat(net.trace).anyMatch(t -> t.startsWith("AppendEntries[a->b") && t.contains("n=3"));
        assertThat(net.trace).noneMatch(t -> t.startsWith("AppendEntries[a->b") && t.contains("n=4"));
        assertThat(net.member("b").applied).hasSize(20);
        assertThat(net.member("c").applied).hasSize(20);
    }

    @Test
    void aLeaderOnlyCommitsEntriesOfItsOwnTermByCounting_fig3_7() {
        Network net = figure8(Set.of());
        // s1 (term 3) has index 2 (term 1) on s1, s3, s4: a majority, but of an old term: not committed
        assertThat(net.node("s1").status().commitIndex()).isEqualTo(1);

        s5OverwritesIndex2(net);
        net.stabilize();
        for (var m : net.members().values()) {
            assertThat(m.applied).as(m.id.value()).doesNotContain("x");
        }
        assertThat(net.node("s4").log.term(2)).isEqualTo(2);
        assertThat(net.node("s4").status().commitIndex()).isEqualTo(3);
    }

    @Test
    void injectedBug_committingAnOldTermEntryByCountingLosesACommittedEntry() {
        Network net = figure8(Set.of(InjectedBug.COMMIT_PREVIOUS_TERM_BY_COUNTING));
        assertThat(net.node("s1").status().commitIndex()).isEqualTo(2);
        assertThat(net.member("s1").applied).containsExactly("x");

        // s5 is elected anyway (its last term 2 beats their term 1) and overwrites the "committed" entry:
        // two members now hold different committed entries at index 2 (State Machine Safety broken)
        s5OverwritesIndex2(net);
        net.stabilize();
        assertThat(net.node("s5").status().commitIndex()).isGreaterThanOrEqualTo(2);
        assertThat(net.node("s5").log.term(2)).isEqualTo(2);
        assertThat(net.node("s1").log.term(2)).isEqualTo(1);
        assertThat(net.node("s2").log.term(2)).isEqualTo(2);
        assertThat(net.node("s2").status().commitIndex()).isGreaterThanOrEqualTo(2);
    }

    /**
     * Thesis Fig. 3.7 with our no-op: s1 leads term 1 and appends x at 2 (reaches s2 only); s5 leads term 2
     * with its no-op at 2 (reaches nobody); s1 leads term 3 and replicates x to s3 and s4, but its own no-op
     * at 3 is lost on the way (one entry per AppendEntries, so x travels alone).
     */
    private static Network figure8(Set<InjectedBug> bugs) {
        Network net = Network.withConfig(id -> new RaftConfig(id, 7, 10, 1, true, true, 1, 256, 1024, bugs),
                "s1", "s2", "s3", "s4", "s5");
        net.node("s1").campaign(false, true);
        net.stabilize();
        net.cut("s1", "s3");
        net.cut("s1", "s4");
        net.cut("s1", "s5");
        net.node("s1").propose(bytes("x"));
        net.stabilize();

        net.isolate("s1");
        net.dropWhere(m -> m.from().equals(NodeId.of("s5")) && m instanceof AppendEntries);
        net.node("s5").campaign(false, true);
        net.stabilize();
        assertThat(net.node("s5").status().role()).isEqualTo(Role.LEADER);
        assertThat(net.node("s5").status().term()).isEqualTo(2);

        net.heal();
        net.isolate("s5");
        // x (index 2) may reach s3 and s4 only once they hold index 1..1 and ask for it; s1's no-op (3) never does
        net.dropWhere(m -> m instanceof AppendEntries a && a.entries().stream().anyMatch(e -> e.index() == 3)
                && net.node(a.to().value()).log.lastIndex() >= 2);
        net.node("s1").campaign(false, true); // term 2: s3, s4 already voted for s5
        net.stabilize();
        net.node("s1").campaign(false, true); // term 3
        net.stabilize();
        assertThat(net.node("s1").status().role()).isEqualTo(Role.LEADER);
        assertThat(net.node("s1").status().term()).isEqualTo(3);
        net.tickAll(1); // heartbeats carry the commit index
        assertThat(net.node("s3").log.lastIndex()).as(String.join("\n", net.trace)).isEqualTo(2);
        assertThat(net.node("s3").log.term(2)).isEqualTo(1);
        return net;
    }

    private static void s5OverwritesIndex2(Network net) {
        net.heal();
        net.isolate("s1");
        net.isolate("s3");
        net.node("s5").campaign(false, true); // term 3: already voted
        net.stabilize();
        net.node("s5").campaign(false, true); // term 4
    }

    @Test
    void aRestartedNodeKeepsItsTermVoteAndLog() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        net.node("a").propose(bytes("x"));
        net.stabilize();

        net.restart("b");
        RaftNode b = net.node("b");
        assertThat(b.status().term()).isEqualTo(1);
        assertThat(b.hardState().vote()).contains(NodeId.of("a"));
        assertThat(b.status().lastIndex()).isEqualTo(2);
        assertThat(b.status().commitIndex()).isEqualTo(2);
        net.stabilize();
        assertThat(net.member("b").applied).containsExactly("x"); // replayed from the log

        // the restarted node still refuses a second vote in term 1 (§3.6 persistence of votedFor)
        net.node("c").becomeFollower(0, java.util.Optional.empty());
        net.clearTrace();
        b.step(new RaftMessage.RequestVote(7, NodeId.of("c"), NodeId.of("b"), 1, 9, 9, false, true));
        net.stabilize();
        assertThat(net.trace).anyMatch(t -> t.startsWith("VoteResponse[") && t.contains("granted=false"));
    }

    @Test
    void injectedBug_voteNotPersistedLetsARestartedNodeVoteTwiceInOneTerm() {
        assertThat(twoLeadersInTermOne(Set.of())).isFalse();
        assertThat(twoLeadersInTermOne(Set.of(InjectedBug.VOTE_NOT_PERSISTED))).isTrue();
    }

    private static boolean twoLeadersInTermOne(Set<InjectedBug> bugs) {
        Network net = Network.withConfig(id -> new RaftConfig(id, 7, 10, 1, false, false, 1 << 20, 256, 1024, bugs),
                "a", "b", "c");
        net.isolate("c");
        net.dropWhere(m -> m instanceof AppendEntries); // logs stay empty: c remains as up to date as b
        net.node("a").campaign(false, false);
        net.stabilize();
        assertThat(net.node("a").status().role()).isEqualTo(Role.LEADER);

        net.restart("b");
        net.heal();
        net.isolate("a");
        net.node("c").campaign(false, false); // term 1 as well: c never heard of term 1
        net.stabilize();
        return net.node("c").status().role() == Role.LEADER && net.node("c").status().term() == 1;
    }

    @Test
    void staleLeaderLearnsOfTheNewTermFromTheAnswerToItsAppend() {
        Network net = Network.of("a", "b", "c");
        net.elect("a");
        net.isolate("a");
        String leader = net.tickUntilLeader("b", "c");
        net.heal();
        net.clearTrace();
        net.tick("a", 1); // a heartbeats in term 1
        net.stabilize();
        assertThat(net.trace).anyMatch(t -> t.startsWith(AppendResponse.class.getSimpleName() + "[")
                && t.contains("term=2"));
        assertThat(net.node("a").status().role()).isEqualTo(Role.FOLLOWER);
        assertThat(net.node("a").status().term()).isEqualTo(2);
        assertThat(net.node(leader).status().role()).isEqualTo(Role.LEADER);
    }
}
