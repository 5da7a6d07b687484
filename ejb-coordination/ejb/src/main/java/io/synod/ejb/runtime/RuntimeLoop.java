package io.synod.ejb.runtime;

import io.synod.core.consensus.NodeId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single thread that owns a node's protocol state, and its tick source. Everything that touches the engine
 * or the replicated state is a task in one FIFO queue; after each task the runtime's {@code afterTask} drives
 * the Ready cycle. Ticks are coalesced: while one is still queued no other is added, so a loop that falls behind
 * slows the node's logical clock (elections come later) instead of firing a burst of timeouts at once.
 */
final class RuntimeLoop {

    private static final Logger LOG = Logger.getLogger(RuntimeLoop.class.getName());

    private record Task(Runnable work, CompletableFuture<?> requester) {
    }

    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final ScheduledThreadPoolExecutor ticker;
    private final Duration tick;
    private final Runnable onTick;
    private final Runnable afterTask;
    private final Consumer<Throwable> onFailure;
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private final Object lifecycle = new Object();
    private volatile boolean running = true;
    /** Wall-clock millis of the last finished task; ticks arrive every tick, so a stale value means a stuck loop. */
    private volatile long lastBeatMillis = System.currentTimeMillis();

    RuntimeLoop(NodeId id, ThreadFactory threads, Duration tick, Runnable onTick, Runnable afterTask,
                Consumer<Throwable> onFailure) {
        this.tick = tick;
        this.onTick = onTick;
        this.afterTask = afterTask;
        this.onFailure = onFailure;
        this.thread = threads.newThread(this::run);
        thread.setName("synod-loop-" + id + "-" + thread.getName());
        this.ticker = new ScheduledThreadPoolExecutor(1, threads);
    }

    void start() {
        thread.start();
        ticker.scheduleAtFixedRate(this::enqueueTick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void enqueueTick() {
        if (tickQueued.compareAndSet(false, true)) {
            post(() -> {
                tickQueued.set(false);
                onTick.run();
            });
        }
    }

    /** Queue work that nobody waits for (inbound messages, ticks, writer reports); dropped once stopped. */
    void post(Runnable work) {
        synchronized (lifecycle) {
            if (running) {
                queue.add(new Task(work, null));
            }
        }
    }

    /** Queue a client's work; once stopped, its future fails at once with {@link NodeStoppedException}. */
    void post(CompletableFuture<?> requester, Runnable work) {
        synchronized (lifecycle) {
            if (running) {
                queue.add(new Task(work, requester));
                return;
            }
        }
        requester.completeExceptionally(new NodeStoppedException("the node is stopped"));
    }

    long lastBeatMillis() {
        return lastBeatMillis;
    }

    boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            Task task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!running) {
                refuse(task);
                return;
            }
            try {
                task.work().run();
                afterTask.run();
                lastBeatMillis = System.currentTimeMillis();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "Synod event loop failed; the node stops", e);
                onFailure.accept(e);
            }
        }
    }

    /** From the loop itself: finish the current task, then exit (a halt after a storage failure or a bug). */
    void stop(Throwable cause) {
        synchronized (lifecycle) {
            running = false;
        }
        ticker.shutdownNow();
        LOG.log(Level.SEVERE, "Synod event loop stopped: {0}", cause.toString());
        refuseQueued();
    }

    /**
     * From any other thread: stop the ticks and the loop, wait for it (bounded), then run {@code last} on the
     * calling thread (the loop is gone, so it may touch the loop's state) and fail whatever was still queued.
     */
    void shutdown(Runnable last) {
        ticker.shutdownNow();
        synchronized (lifecycle) {
            running = false;
            queue.add(new Task(() -> { }, null)); // wake the loop if it waits
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        last.run();
        refuseQueued();
    }

    /** Nothing queued runs any more; nobody may be left waiting for it. */
    private void refuseQueued() {
        List<Task> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(RuntimeLoop::refuse);
    }

    private static void refuse(Task task) {
        if (task.requester() != null) {
            task.requester().completeExceptionally(
                    new NodeStoppedException("the node stopped before taking the request"));
        }
    }
}
