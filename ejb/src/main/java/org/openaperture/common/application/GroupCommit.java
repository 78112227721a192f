package org.openaperture.common.application;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit for callers that each hold one item and must not return before its effect is committed (a
 * message-driven bean whose message is acknowledged when {@code onMessage} returns). Callers queue their
 * items; a caller whose item is still queued becomes a leader when fewer than {@code inFlight} commits are
 * running, and commits everything queued so far (up to {@code maxBatch}) in one call of {@code commit}, while
 * the others wait. The more callers arrive during the commits, the larger the next batch: one transaction per
 * batch instead of one per item. With more than one commit in flight, a batch is written while the one
 * before it waits for the database, which is where a commit spends most of its time.
 *
 * <p>A caller is woken only when it has something to do: when the commit that held its item ended, or when it
 * is to lead the next batch (a leader that ends hands over to the caller at the head of the queue). Hundreds of
 * waiting callers (the sessions of a message-driven bean) are not all woken by every commit.
 *
 * <p>Each caller returns only after the commit that held its item succeeded, so at-least-once delivery
 * stays: a crash before that commit leaves every message of the batch unacknowledged. When a batch fails,
 * its items are committed one by one, so that only the item at fault fails (and its caller throws) while the
 * others still succeed.
 *
 * @param <T> the items
 */
public final class GroupCommit<T> {
    private final int maxBatch;
    private final int inFlight;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Entry<T>> queued = new ArrayDeque<>();
    private int leaders;

    /** One commit at a time. */
    public GroupCommit(int maxBatch) {
        this(maxBatch, 1);
    }

    public GroupCommit(int maxBatch, int inFlight) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
        }
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight must be at least 1, not " + inFlight);
        }
        this.maxBatch = maxBatch;
        this.inFlight = inFlight;
    }

    /**
     * Returns once {@code item} is committed, by this caller's {@code commit} or by another's; throws the
     * failure of its own one-item commit when it could not be committed.
     */
    public void submit(T item, Consumer<List<T>> commit) {
        Objects.requireNonNull(commit, "commit");
        Entry<T> mine = new Entry<>(Objects.requireNonNull(item, "item"), lock.newCondition());
        List<Entry<T>> batch;
        lock.lock();
        try {
            queued.add(mine);
            if (leaders < inFlight) {
                leaders++;
                mine.leading = true;
            }
            while (!mine.done && !(mine.leading && !mine.taken)) {
                if (mine.leading) {
                    // Asked to lead, but a leader that started meanwhile took this item: pass the turn on.
                    mine.leading = false;
                    leaders--;
                    handOver();
                }
                awaitTurn(mine);
            }
            if (mine.done) {
                throwIfFailed(mine);
                return;
            }
            // Leading, with this item still queued: it goes first, then the oldest others.
            queued.remove(mine);
            mine.taken = true;
            batch = new ArrayList<>(Math.min(queued.size() + 1, maxBatch));
            batch.add(mine);
            while (!queued.isEmpty() && batch.size() < maxBatch) {
                Entry<T> entry = queued.poll();
                entry.taken = true;
                batch.add(entry);
            }
            handOver(); // more than a batch queued: the next may start beside this one
        } finally {
            lock.unlock();
        }
        try {
            commitAll(batch, commit);
        } finally {
            lock.lock();
            try {
                // An Error ended the commit: no caller of the batch may wait for ever.
                finish(
                        batch.stream().filter(entry -> !entry.done).toList(),
                        new IllegalStateException("the group commit holding this item did not end"));
                leaders--;
                handOver();
            } finally {
                lock.unlock();
            }
        }
        throwIfFailed(mine);
    }

    private static void throwIfFailed(Entry<?> entry) {
        if (entry.failure != null) {
            throw entry.failure;
        }
    }

    /** With the lock held: lets the oldest queued caller lead when a commit may start. */
    private void handOver() {
        Entry<T> next = queued.peek();
        if (next != null && !next.leading && leaders < inFlight) {
            leaders++;
            next.leading = true;
            next.turn.signal();
        }
    }

    /** How many items wait for a commit. */
    int queued() {
        lock.lock();
        try {
            return queued.size();
        } finally {
            lock.unlock();
        }
    }

    private static void awaitTurn(Entry<?> entry) {
        try {
            entry.turn.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a group commit", e);
        }
    }

    private void commitAll(List<Entry<T>> batch, Consumer<List<T>> commit) {
        try {
            commit.accept(batch.stream().map(e -> e.item).toList());
            finish(batch, null);
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                finish(batch, batchFailure);
                return;
            }
            for (Entry<T> entry : batch) {
                RuntimeException failure = null;
                try {
                    commit.accept(List.of(entry.item));
                } catch (RuntimeException e) {
                    failure = e;
                }
                finish(List.of(entry), failure);
            }
        }
    }

    private void finish(List<Entry<T>> entries, RuntimeException failure) {
        lock.lock();
        try {
            for (Entry<T> entry : entries) {
                entry.failure = failure;
                entry.done = true;
                entry.turn.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private static final class Entry<T> {
        final T item;
        /** Signalled when this entry is done or asked to lead; only its own caller waits on it. */
        final Condition turn;

        boolean taken;
        boolean leading;
        boolean done;
        RuntimeException failure;

        Entry(T item, Condition turn) {
            this.item = item;
            this.turn = turn;
        }
    }
}
