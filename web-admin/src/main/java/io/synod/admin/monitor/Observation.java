package io.synod.admin.monitor;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one node knows at one moment, the input of {@link ClusterPicture#of}.
 *
 * @param self          this node's own report, empty before it can make one
 * @param visible       node id to transport address of every member discovery sees now (this one included)
 * @param voters        the voting configuration as this node's Raft status knows it (empty while not running)
 * @param learners      likewise, the learners
 * @param others        the latest report of every other member this node has received
 * @param maxLag        the readiness bound ({@code synod.health.max-lag})
 * @param staleAfterMillis a report that has not changed for longer than this means the member is unreachable
 */
public record Observation(String selfId, Optional<MemberReport> self, Map<String, String> visible,
                          Set<String> voters, Set<String> learners, Map<String, ReceivedReport> others,
                          long maxLag, long staleAfterMillis) {

    public Observation {
        visible = Map.copyOf(visible);
        voters = Set.copyOf(voters);
        learners = Set.copyOf(learners);
        others = Map.copyOf(others);
    }
}
