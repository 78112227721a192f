package org.openaperture.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduled executor whose tasks run only when the test says so, on the test's thread: {@link #tick()} is time
 * enough passing for every scheduled task to be due once. Delays are not measured; a test that needs the time to
 * move moves its own clock ({@link ManualClock}). As on a {@code ScheduledThreadPoolExecutor}, a cancelled task
 * never runs again, and neither does a periodic task that threw (its future holds the exception).
 *
 * <p>With it, "nothing more happens" is checked without waiting: tick, and see that nothing ran.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final List<Task<?>> tasks = new ArrayList<>();
    private boolean shutdown;

    /**
     * Runs, once and in the order they were scheduled, the tasks scheduled before this call and not cancelled;
     * one-shot tasks are then done, periodic ones stay scheduled unless they threw.
     *
     * @return how many tasks ran
     */
    public int tick() {
        List<Task<?>> due;
        synchronized (this) {
            due = List.copyOf(tasks);
        }
        int ran = 0;
        for (Task<?> task : due) {
            if (task.isCancelled()) {
                remove(task);
                continue;
            }
            ran++;
            if (!task.runOnce()) {
                remove(task);
            }
        }
        return ran;
    }

    /** How many tasks are scheduled and not cancelled. */
    public synchronized int scheduled() {
        return (int) tasks.stream().filter(t -> !t.isCancelled()).count();
    }

    private synchronized void remove(Task<?> task) {
        tasks.remove(task);
    }

    private synchronized <V> Task<V> add(Task<V> task) {
        if (shutdown) {
            throw new RejectedExecutionException("the scheduler is shut down");
        }
        tasks.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(new Task<>(Executors.callable(command, null), unit.toNanos(delay), false));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(new Task<>(callable, unit.toNanos(delay), false));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(new Task<>(Executors.callable(command, null), unit.toNanos(initialDelay), true));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(new Task<>(Executors.callable(command, null), unit.toNanos(initialDelay), true));
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> pending = new ArrayList<>(tasks);
        tasks.clear();
        return pending;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private static final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        private final long delayNanos;
        private final boolean periodic;

        Task(Callable<V> callable, long delayNanos, boolean periodic) {
            super(callable);
            this.delayNanos = delayNanos;
            this.periodic = periodic;
        }

        /** Runs the task once; answers whether it stays scheduled. */
        boolean runOnce() {
            if (periodic) {
                return runAndReset();
            }
            run();
            return false;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
