package io.synod.admin.monitor;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One line of the overview: a member as this node knows it. Every number is optional: a console shows
 * "—" rather than a number nobody measured.
 *
 * @param lag                entries the member's applied index trails the leader's commit index
 * @param lastContactMillis  how long ago the leader last heard from the member (for the leader itself: how long
 *                           ago this node heard from it; empty for the node serving the page)
 */
public record MemberRow(String nodeId, boolean local, boolean leader, Optional<String> address,
                        Optional<String> role, Optional<String> membership, OptionalLong term,
                        OptionalLong commitIndex, OptionalLong appliedIndex, OptionalLong lag,
                        OptionalLong lastContactMillis, Health health, Optional<DiskUsage> disk) {
}
