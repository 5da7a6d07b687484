package io.synod.ejb.runtime;

import io.synod.core.consensus.ConfChange;
import io.synod.core.consensus.ConfState;
import io.synod.core.consensus.NodeId;
import io.synod.ejb.membership.MembershipPolicy;
import io.synod.ejb.membership.MembershipSteward;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.synod.ejb.runtime.RuntimeCluster.id;
import static io.synod.ejb.runtime.RuntimeCluster.readLocal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Membership on real runtimes (real TCP, real log directories): snapshots every {@code snapshotEntries}, a later
 * member joining through a snapshot as a learner and promoted by the leader's {@link MembershipSteward}, an
 * instance with the wrong secret never added, and an explicit removal that leaves the cluster undisturbed.
 */
class MembershipChangeTest {

    private static final long SNAPSHOT_ENTRIES = 20;
    private static final NodeId JOINER = id("n4");
    private static final NodeId OUTSIDER = id("n5");

    @TempDir
    Path dir;

    @Test
    void aLaterMemberJoinsThroughASnapshotIsPromotedAndIsRemovedOnlyOnRequest() throws Exception {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, SNAPSHOT_ENTRIES).startAll()) {
            NodeRuntime leader = cluster.awaitLeader();
            for (int i = 0; i < 50; i++) {
                cluster.put("k" + i, "v" + i);
            }
            // a snapshot every SNAPSHOT_ENTRIES applied entries, and the log compacted behind it
            for (NodeId n : cluster.runningIds()) {
                await().until(() -> cluster.get(n).status().snapshotIndex() >= 2 * SNAPSHOT_ENTRIES);
                assertThat(cluster.get(n).metrics().snapshotsTaken()).as(n + " snapshots").isGreaterThanOrEqualTo(2);
                await().until(() -> cluster.get(n).status().firstIndex() > 1);
            }

            NodeRuntime joiner = cluster.startJoiner(JOINER, RuntimeCluster.SECRET);
            NodeRuntime outsider = cluster.startJoiner(OUTSIDER, RuntimeCluster.WRONG_SECRET);
            MembershipSteward steward = new MembershipSteward(new MembershipPolicy(true, 5, 3));
            Set<NodeId> announcedJoining = Set.of(JOINER, OUTSIDER);

            await("n4 promoted to voter").until(() -> {
                stewardOnce(cluster, steward, announcedJoining);
                return leaderConf(cluster).voters().contains(JOINER);
            });

            assertThat(joiner.metrics().snapshotsInstalled()).as("caught up through a snapshot").isPositive();
            assertThat(readLocal(joiner, "k0")).contains("v0");
            await().until(() -> readLocal(joiner, "k49").isPresent());
            assertThat(leaderConf(cluster).contains(OUTSIDER)).as("the wrong secret never enters").isFalse();
            assertThat(outsider.status().confState()).isEqualTo(ConfState.EMPTY);
            assertThat(outsider.status().appliedIndex()).isZero();
            assertThat(cluster.currentLeader().orElseThrow().transportCounters().authFailures()).isPositive();

            // n4 now counts for the quorum: writes commit through four voters
            cluster.put("after-join", "yes");
            await().until(() -> readLocal(joiner, "after-join").isPresent());

            // a restart with the same id and data directory resumes from its WAL and snapshot, as a voter
            cluster.stop(JOINER);
            cluster.put("while-n4-was-down", "yes");
            NodeRuntime restarted = cluster.start(JOINER);
            assertThat(restarted.status().confState().voters()).as("the configuration came back from disk").contains(JOINER);
            await().until(() -> readLocal(restarted, "while-n4-was-down").isPresent());
            assertThat(readLocal(restarted, "k0")).contains("v0");

            // the steward never removes: n4 stays a voter while nobody asks
            for (int i = 0; i < 10; i++) {
                stewardOnce(cluster, steward, Set.of());
            }
            assertThat(leaderConf(cluster).voters()).contains(JOINER);

            NodeRuntime current = cluster.awaitLeader(List.of(id("n1"), id("n2"), id("n3")));
            await("n4 removed").until(() -> {
                try {
                    current.proposeConfChange(new ConfChange(ConfChange.Kind.REMOVE, JOINER)).get(5, TimeUnit.SECONDS);
                } catch (Exception pendingOrDropped) {
                    // retried: a previous change may still be pending
                }
                return !current.status().confState().contains(JOINER);
            });
            long term = current.status().term();

            // the removed member keeps running (and may time out and campaign): the cluster must not notice
            for (int i = 0; i < 30; i++) {
                cluster.put("after-removal-" + i, "v");
                stewardOnce(cluster, steward, Set.of(OUTSIDER));
            }
            NodeRuntime after = cluster.awaitLeader(List.of(id("n1"), id("n2"), id("n3")));
            assertThat(after.id()).isEqualTo(current.id());
            assertThat(after.status().term()).as("pre-vote and check-quorum keep the removed member out").isEqualTo(term);
            assertThat(after.status().confState().voters()).containsExactlyInAnyOrder(id("n1"), id("n2"), id("n3"));
            assertThat(after.status().confState().learners()).isEmpty();
            assertThat(restarted.status().term()).as("the removed member never won an election").isLessThanOrEqualTo(term);
        }
    }

    @Test
    void withoutAutoPromoteALearnerStaysALearnerUntilPromotedExplicitly() throws Exception {
        try (RuntimeCluster cluster = RuntimeCluster.ofThree(dir, SNAPSHOT_ENTRIES).startAll()) {
            cluster.awaitLeader();
            cluster.put("k", "v");
            NodeRuntime joiner = cluster.startJoiner(JOINER, RuntimeCluster.SECRET);
            MembershipSteward steward = new MembershipSteward(new MembershipPolicy(false, 5, 3));

            await("n4 a learner").until(() -> {
                stewardOnce(cluster, steward, Set.of(JOINER));
                return leaderConf(cluster).learners().contains(JOINER);
            });
            await().until(() -> readLocal(joiner, "k").isPresent());
            for (int i = 0; i < 20; i++) {
                stewardOnce(cluster, steward, Set.of(JOINER));
                cluster.put("k" + i, "v");
            }
            assertThat(leaderConf(cluster).learners()).containsExactly(JOINER);
            assertThat(joiner.status().role().name()).isEqualTo("LEARNER");

            NodeRuntime leader = cluster.currentLeader().orElseThrow();
            leader.proposeConfChange(new ConfChange(ConfChange.Kind.ADD_VOTER, JOINER)).get(5, TimeUnit.SECONDS);
            await().until(() -> leaderConf(cluster).voters().contains(JOINER));
        }
    }

    /** One membership check on whoever leads, as the node's poll does: joiners must have proven the secret. */
    private static void stewardOnce(RuntimeCluster cluster, MembershipSteward steward, Set<NodeId> announcedJoining) {
        cluster.currentLeader().ifPresent(leader -> {
            Set<NodeId> authenticated = leader.authenticatedPeers();
            Set<NodeId> joiners = announcedJoining.stream().filter(authenticated::contains).collect(Collectors.toSet());
            steward.next(leader.status(), joiners).ifPresent(change -> {
                try {
                    leader.proposeConfChange(change).get(5, TimeUnit.SECONDS);
                } catch (Exception pending) {
                    // the previous change is not applied yet: the next check proposes again
                }
            });
        });
    }

    private static ConfState leaderConf(RuntimeCluster cluster) {
        return cluster.currentLeader().map(l -> l.status().confState()).orElse(ConfState.EMPTY);
    }
}
