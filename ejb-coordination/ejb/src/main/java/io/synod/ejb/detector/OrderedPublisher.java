package io.synod.ejb.detector;

import io.synod.api.MemberEvent;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands member events to applications off the threads that detect them (a recovery is detected on a transport
 * thread, which an application's slow observer must never hold up), one at a time and in detection order, so an
 * observer never sees a member recover before it saw it suspected.
 */
public final class OrderedPublisher implements Consumer<MemberEvent> {

    private static final Logger LOG = Logger.getLogger(OrderedPublisher.class.getName());

    private final Executor executor;
    private final Consumer<MemberEvent> deliver;
    private final Queue<MemberEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    public OrderedPublisher(Executor executor, Consumer<MemberEvent> deliver) {
        this.executor = executor;
        this.deliver = deliver;
    }

    @Override
    public void accept(MemberEvent event) {
        pending.add(event);
        schedule();
    }

    private void schedule() {
        if (!pending.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                draining.set(false);
                LOG.log(Level.FINE, "member events not delivered: the node is stopping", e);
            }
        }
    }

    private void drain() {
        try {
            MemberEvent next;
            while ((next = pending.poll()) != null) {
                deliver.accept(next);
            }
        } finally {
            draining.set(false);
        }
        schedule(); // an event added after the last poll but before the flag was cleared
    }
}
