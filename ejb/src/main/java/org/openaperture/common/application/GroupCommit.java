package org.openaperture.common.application;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    private final Object lock = new Object();
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
        Entry<T> mine = new Entry<>(Objects.requireNonNull(item, "item"));
        synchronized (lock) {
            queued.add(mine);
        }
        while (true) {
            List<Entry<T>> batch;
            synchronized (lock) {
                // An item taken into another leader's batch waits for that commit.
                while (!mine.done && (mine.taken || leaders >= inFlight)) {
                    waitForLeader();
                }
                if (mine.done) {
                    break;
                }
                leaders++;
                batch = new ArrayList<>(Math.min(queued.size(), maxBatch));
                while (!queued.isEmpty() && batch.size() < maxBatch) {
                    Entry<T> entry = queued.poll();
                    entry.taken = true;
                    batch.add(entry);
                }
            }
            try {
                commitAll(batch, commit);
            } finally {
                synchronized (lock) {
                    leaders--;
                    lock.notifyAll();
                }
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** How many items wait for a commit. */
    int queued() {
        synchronized (lock) {
            return queued.size();
        }
    }

    private void waitForLeader() {
        try {
            lock.wait();
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
        synchronized (lock) {
            for (Entry<T> entry : entries) {
                entry.failure = failure;
                entry.done = true;
            }
        }
    }

    private static final class Entry<T> {
        final T item;
        boolean taken;
        boolean done;
        RuntimeException failure;

        Entry(T item) {
            this.item = item;
        }
    }
}
