package io.synod.admin.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The cluster as one node sees it at one moment: a row per member and who leads. Where each number comes from:
 * a member's own numbers (role, term, indexes, disk) from its own report; its lag from the leader's commit index;
 * its last contact from the leader's report (the leader hears from everyone); whether it is there at all from
 * discovery and from its report still changing. Pure: built by {@link #of} from an {@link Observation}.
 */
public record ClusterPicture(String selfId, Optional<String> leader, List<MemberRow> members) {

    public ClusterPicture {
        members = List.copyOf(members);
    }

    public static ClusterPicture empty(String selfId) {
        return new ClusterPicture(selfId, Optional.empty(), List.of());
    }

    public static ClusterPicture of(Observation o) {
        Map<String, ReceivedReport> fresh = new java.util.HashMap<>();
        o.others().forEach((id, r) -> {
            if (r.ageMillis() <= o.staleAfterMillis()) {
                fresh.put(id, r);
            }
        });
        o.self().ifPresent(s -> fresh.put(o.selfId(), new ReceivedReport(s, 0)));

        Optional<String> leader = o.self().flatMap(MemberReport::leader)
                .or(() -> fresh.values().stream().map(r -> r.report().leader()).flatMap(Optional::stream).findFirst());
        Optional<ReceivedReport> leaderReport = leader.map(fresh::get);
        OptionalLong leaderCommit = leaderReport.map(r -> OptionalLong.of(r.report().commitIndex()))
                .orElse(OptionalLong.empty());

        SortedSet<String> ids = new TreeSet<>();
        ids.add(o.selfId());
        ids.addAll(o.voters());
        ids.addAll(o.learners());
        ids.addAll(o.visible().keySet());
        ids.addAll(fresh.keySet());

        List<MemberRow> rows = new ArrayList<>();
        for (String id : ids) {
            boolean local = id.equals(o.selfId());
            boolean visible = local || o.visible().containsKey(id);
            Optional<MemberReport> report = Optional.ofNullable(fresh.get(id)).map(ReceivedReport::report);
            Health health = health(visible, report, o.others().containsKey(id), leaderCommit, o.maxLag());
            boolean reachable = health != Health.UNREACHABLE;
            Optional<String> address = Optional.ofNullable(o.visible().get(id))
                    .or(() -> Optional.ofNullable(o.others().get(id)).map(r -> r.report().transportAddress()))
                    .or(() -> local ? o.self().map(MemberReport::transportAddress) : Optional.empty());
            Optional<String> membership = o.voters().isEmpty() && o.learners().isEmpty() ? Optional.empty()
                    : Optional.of(o.voters().contains(id) ? "voter" : o.learners().contains(id) ? "learner" : "not a member");
            report = reachable ? report : Optional.empty();
            rows.add(new MemberRow(id, local, reachable && leader.map(id::equals).orElse(false), address,
                    report.flatMap(MemberReport::role), membership,
                    number(report.map(MemberReport::term)),
                    number(report.map(MemberReport::commitIndex)),
                    number(report.map(MemberReport::appliedIndex)),
                    lag(report, leaderCommit),
                    reachable ? lastContact(id, local, leader, leaderReport, o.self()) : OptionalLong.empty(),
                    health, report.map(MemberReport::disk)));
        }
        return new ClusterPicture(o.selfId(), leader, rows);
    }

    private static Health health(boolean visible, Optional<MemberReport> report, boolean everReported,
                                 OptionalLong leaderCommit, long maxLag) {
        if (!visible || (report.isEmpty() && everReported)) {
            return Health.UNREACHABLE;
        }
        if (report.isEmpty()) {
            return Health.STARTING;
        }
        MemberReport r = report.get();
        if (r.role().isEmpty()) {
            return Health.NOT_RUNNING;
        }
        if (r.leader().isEmpty()) {
            return Health.NO_LEADER;
        }
        OptionalLong lag = lag(report, leaderCommit);
        return lag.isPresent() && lag.getAsLong() > maxLag ? Health.LAGGING : Health.HEALTHY;
    }

    private static OptionalLong lag(Optional<MemberReport> report, OptionalLong leaderCommit) {
        if (report.isEmpty() || report.get().role().isEmpty() || leaderCommit.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, leaderCommit.getAsLong() - report.get().appliedIndex()));
    }

    private static OptionalLong lastContact(String id, boolean local, Optional<String> leader,
                                            Optional<ReceivedReport> leaderReport, Optional<MemberReport> self) {
        if (local) {
            return OptionalLong.empty();
        }
        if (leader.map(id::equals).orElse(false)) {
            return number(self.map(MemberReport::heardAgoMillis).map(m -> m.get(id)));
        }
        return leaderReport.map(r -> {
            Long ago = r.report().heardAgoMillis().get(id);
            return ago == null ? OptionalLong.empty() : OptionalLong.of(ago + r.ageMillis());
        }).orElse(OptionalLong.empty());
    }

    private static OptionalLong number(Optional<Long> value) {
        return value.map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
