package io.synod.ejb.detector;

import io.synod.api.MemberEvent;
import io.synod.api.MemberRecovered;
import io.synod.api.MemberState;
import io.synod.api.MemberSuspected;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/** Events reach the applications on the executor, not the detecting thread, and in detection order. */
class OrderedPublisherTest {

    private final List<Runnable> tasks = new ArrayList<>();
    private final Executor executor = tasks::add;
    private final List<MemberEvent> delivered = new ArrayList<>();

    @Test
    void eventsAreDeliveredLaterOnTheExecutorInOrderByOneTask() {
        OrderedPublisher publisher = new OrderedPublisher(executor, delivered::add);
        MemberEvent suspected = new MemberSuspected("n2", "n1", Instant.EPOCH, 8.5);
        MemberEvent recovered = new MemberRecovered("n2", "n1", Instant.EPOCH, MemberState.SUSPECTED);

        publisher.accept(suspected);
        publisher.accept(recovered);

        assertThat(delivered).as("nothing on the detecting thread").isEmpty();
        assertThat(tasks).as("one drain for both").hasSize(1);
        tasks.remove(0).run();
        assertThat(delivered).containsExactly(suspected, recovered);
        assertThat(tasks).isEmpty();
    }

    @Test
    void anEventAfterADrainSchedulesAnotherOne() {
        OrderedPublisher publisher = new OrderedPublisher(executor, delivered::add);
        publisher.accept(new MemberSuspected("n2", "n1", Instant.EPOCH, 9));
        tasks.remove(0).run();

        publisher.accept(new MemberRecovered("n2", "n1", Instant.EPOCH, MemberState.SUSPECTED));

        assertThat(tasks).hasSize(1);
        tasks.remove(0).run();
        assertThat(delivered).hasSize(2);
    }
}
