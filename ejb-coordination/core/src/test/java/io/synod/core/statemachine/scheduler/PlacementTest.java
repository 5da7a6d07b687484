package io.synod.core.statemachine.scheduler;

import io.synod.core.consensus.NodeId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.synod.core.statemachine.scheduler.Sched.HANDLER;
import static io.synod.core.statemachine.scheduler.Sched.M1;
import static io.synod.core.statemachine.scheduler.Sched.M2;
import static io.synod.core.statemachine.scheduler.Sched.M3;
import static io.synod.core.statemachine.scheduler.Sched.b;
import static io.synod.core.statemachine.scheduler.Sched.spec;
import static org.assertj.core.api.Assertions.assertThat;

class PlacementTest {

    @Test
    void higher_priority_goes_first_then_longest_ready_then_id() {
        Sched s = new Sched().up(M1, 1);
        s.submit(spec("low").withPriority(1));
        s.submit(spec("b-high").withPriority(9));
        s.submit(spec("a-high").withPriority(9));
        assertThat(s.store.view().readyQueue(s.now, 10)).extracting(Task::id)
                .containsExactly("a-high", "b-high", "low");
        assertThat(s.assign()).extracting(Assignment::taskId).containsExactly("a-high");
    }

    @Test
    void aging_lets_a_long_waiting_low_priority_task_overtake_fresh_high_priority_work() {
        Sched s = new Sched(SchedulerLimits.DEFAULT.withTimings(Duration.ofSeconds(15), Duration.ofSeconds(1)))
                .up(M1, 1);
        s.submit(spec("old").withPriority(0));
        s.advance(50_000); // 50 aging steps: effective priority 50
        s.submit(spec("new").withPriority(49));
        List<Assignment> first = s.assign();
        assertThat(first).extracting(Assignment::taskId, Assignment::effectivePriority)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("old", 50L));
        // Without the wait it would have lost: a fresh priority-0 task ranks below the priority-49 one.
        s.submit(spec("fresh").withPriority(0));
        assertThat(s.store.view().readyQueue(s.now, 10)).extracting(Task::id).containsExactly("new", "fresh");
    }

    @Test
    void the_least_loaded_member_relative_to_its_capacity_gets_the_task() {
        Sched s = new Sched().up(M1, 1).up(M2, 3);
        for (int i = 0; i < 4; i++) {
            s.submit(spec("t" + i));
        }
        List<Assignment> placed = s.assign();
        Map<NodeId, Long> perMember = new TreeMap<>();
        placed.forEach(a -> perMember.merge(a.member(), 1L, Long::sum));
        assertThat(perMember).containsEntry(M1, 1L).containsEntry(M2, 3L);
        s.submit(spec("t9"));
        assertThat(s.assign()).isEmpty(); // both full: capacity is a hard bound
    }

    @Test
    void equal_members_share_the_work_evenly() {
        Sched s = new Sched().up(M1, 10).up(M2, 10).up(M3, 10);
        for (int i = 0; i < 9; i++) {
            s.submit(spec("t" + i));
        }
        s.assign();
        assertThat(s.store.view().runningPerMember()).containsExactlyEntriesOf(new TreeMap<>(Map.of(M1, 3, M2, 3,
                M3, 3)));
    }

    @Test
    void handlers_and_affinity_decide_who_may_run_a_task_and_an_unplaceable_task_does_not_block_others() {
        Sched s = new Sched().up(M1, 4).up(M3, 1);
        s.apply(new SchedulerCommand.MemberUp(M2, 4, List.of("reports")));
        s.submit(spec("blocker").withAffinity(M3));
        long blocker = s.assign().get(0).attemptToken(); // m3 is now full
        s.submit(TaskSpec.of("report", "reports", b("")).withPriority(5));
        s.submit(spec("pinned").withPriority(9).withAffinity(M3));
        s.submit(spec("plain"));
        List<Assignment> placed = s.assign();
        assertThat(placed).extracting(Assignment::taskId, Assignment::member).containsExactly(
                org.assertj.core.groups.Tuple.tuple("report", M2),
                org.assertj.core.groups.Tuple.tuple("plain", M1));
        assertThat(s.state("pinned")).isEqualTo(TaskState.PENDING);
        s.apply(new SchedulerCommand.Complete("blocker", blocker, b("")));
        assertThat(s.assign()).extracting(Assignment::taskId, Assignment::member).containsExactly(
                org.assertj.core.groups.Tuple.tuple("pinned", M3));
    }

    @Test
    void one_assign_entry_places_at_most_its_batch_size() {
        Sched s = new Sched().up(M1, 100);
        for (int i = 0; i < 10; i++) {
            s.submit(spec("t" + i).withPriority(i));
        }
        SchedulerResult.Assigned r = (SchedulerResult.Assigned) s.apply(new SchedulerCommand.Assign(3));
        assertThat(r.assignments()).extracting(Assignment::taskId).containsExactly("t9", "t8", "t7");
    }
}
