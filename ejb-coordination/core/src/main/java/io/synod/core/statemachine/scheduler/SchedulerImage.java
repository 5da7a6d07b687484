package io.synod.core.statemachine.scheduler;

import java.util.List;

/**
 * The complete state of a {@link SchedulerStore}, as written to and read from a snapshot: members in name order,
 * tasks in id order. The indexes are not part of it; they are rebuilt from the tasks on load.
 */
record SchedulerImage(List<Member> members, List<Task> tasks) {

    SchedulerImage {
        members = List.copyOf(members);
        tasks = List.copyOf(tasks);
    }
}
