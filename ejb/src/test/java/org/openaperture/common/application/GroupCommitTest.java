package org.openaperture.common.application;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<List<Integer>> commits = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void aLoneCallerCommitsItsItemAloneAndReturnsAfterTheCommit() {
        new GroupCommit<Integer>(10).submit(1, commits::add);

        assertEquals(List.of(List.of(1)), commits);
    }

    @Test
    void callersArrivingDuringACommitAreCommittedTogetherInTheNextOne() throws Exception {
        List<String> outcomes = queueBehindACommit(new GroupCommit<>(10), 5, items -> {});

        assertEquals(List.of("ok", "ok", "ok", "ok", "ok"), outcomes);
        assertEquals(2, commits.size(), "one commit for the first item, one for the five queued meanwhile");
        assertEquals(List.of(0), commits.get(0));
        assertEquals(List.of(1, 2, 3, 4, 5), commits.get(1).stream().sorted().toList());
    }

    @Test
    void aBatchHoldsAtMostMaxBatchItems() throws Exception {
        queueBehindACommit(new GroupCommit<>(2), 5, items -> {});

        assertEquals(
                List.of(2, 2, 1),
                commits.subList(1, commits.size()).stream().map(List::size).toList());
    }

    @Test
    void whenABatchFailsEachItemIsCommittedAloneAndOnlyTheFaultyOneFails() throws Exception {
        List<String> outcomes = queueBehindACommit(new GroupCommit<>(10), 4, items -> {
            if (items.contains(3)) {
                throw new IllegalArgumentException("item 3 is poison");
            }
        });

        assertEquals(List.of("ok", "ok", "item 3 is poison", "ok"), outcomes);
        assertEquals(4, commits.get(1).size(), "the four queued items were tried together first");
        assertEquals(
                List.of(List.of(1), List.of(2), List.of(3), List.of(4)),
                commits.subList(2, commits.size()).stream()
                        .sorted(Comparator.comparing(items -> items.get(0)))
                        .toList(),
                "then each alone");
    }

    @Test
    void withTwoInFlightASecondBatchCommitsWhileTheFirstIsRunningButNeverAThird() throws Exception {
        GroupCommit<Integer> group = new GroupCommit<>(10, 2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Consumer<List<Integer>> commit = items -> {
            commits.add(items);
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            if (items.contains(0) || items.contains(1)) {
                awaitRelease(release);
            }
            running.decrementAndGet();
        };
        List<Future<?>> callersOf = new ArrayList<>();
        callersOf.add(callers.submit(() -> group.submit(0, commit)));
        await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == 1);
        callersOf.add(callers.submit(() -> group.submit(1, commit)));
        await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == 2);
        for (int i = 2; i <= 4; i++) {
            int item = i;
            callersOf.add(callers.submit(() -> group.submit(item, commit)));
        }
        await().atMost(Duration.ofSeconds(10)).until(group::queued, n -> n == 3);
        assertEquals(List.of(List.of(0), List.of(1)), commits, "no third commit while two are running");

        release.countDown();
        for (Future<?> caller : callersOf) {
            caller.get(10, TimeUnit.SECONDS);
        }
        assertEquals(2, most.get(), "two commits at most at once");
        assertEquals(
                List.of(2, 3, 4),
                commits.subList(2, commits.size()).stream()
                        .flatMap(List::stream)
                        .sorted()
                        .toList(),
                "the three queued meanwhile, once each");
    }

    @Test
    void manyCallersAtOnceEachReturnAfterTheirItemWasCommittedExactlyOnce() throws Exception {
        GroupCommit<Integer> group = new GroupCommit<>(50, 4);
        int callersCount = 64;
        int itemsEach = 200;
        Set<Integer> committed = ConcurrentHashMap.newKeySet();
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger twice = new AtomicInteger();
        Consumer<List<Integer>> commit = items -> {
            batches.incrementAndGet();
            items.stream().filter(item -> !committed.add(item)).forEach(item -> twice.incrementAndGet());
        };
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < callersCount; c++) {
            int caller = c;
            running.add(callers.submit(() -> {
                for (int i = 0; i < itemsEach; i++) {
                    int item = caller * itemsEach + i;
                    group.submit(item, commit);
                    assertTrue(committed.contains(item), "item " + item + " committed before its caller returned");
                }
                return null;
            }));
        }
        for (Future<?> caller : running) {
            caller.get(60, TimeUnit.SECONDS);
        }
        assertEquals(callersCount * itemsEach, committed.size(), "every item committed");
        assertEquals(0, twice.get(), "no item committed twice");
        assertTrue(batches.get() < callersCount * itemsEach, "items were committed in groups: " + batches);
    }

    @Test
    void anErrorInACommitFailsTheCallersOfItsBatchRatherThanLeavingThemWaiting() throws Exception {
        GroupCommit<Integer> group = new GroupCommit<>(10);
        CountDownLatch firstCommitStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        Consumer<List<Integer>> commit = items -> {
            if (items.contains(0)) {
                firstCommitStarted.countDown();
                awaitRelease(releaseFirstCommit);
                return;
            }
            throw new AssertionError("out of memory, say");
        };
        Future<?> first = callers.submit(() -> group.submit(0, commit));
        assertTrue(firstCommitStarted.await(10, TimeUnit.SECONDS));
        Future<?> leader = callers.submit(() -> group.submit(1, commit));
        Future<?> follower = callers.submit(() -> group.submit(2, commit));
        await().atMost(Duration.ofSeconds(10)).until(group::queued, n -> n == 2);
        releaseFirstCommit.countDown();
        first.get(10, TimeUnit.SECONDS);

        List<Throwable> failures = new ArrayList<>();
        for (Future<?> caller : List.of(leader, follower)) {
            failures.add(assertThrows(ExecutionException.class, () -> caller.get(10, TimeUnit.SECONDS))
                    .getCause());
        }
        assertTrue(failures.stream().anyMatch(AssertionError.class::isInstance), "the leader gets the error");
        assertTrue(
                failures.stream().anyMatch(IllegalStateException.class::isInstance),
                "the other caller of its batch fails instead of waiting: " + failures);
    }

    @Test
    void aLoneItemThatFailsFailsItsCaller() {
        GroupCommit<Integer> group = new GroupCommit<>(10);

        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> group.submit(7, items -> {
                    throw new IllegalStateException("database down");
                }));
        assertEquals("database down", failure.getMessage());
    }

    @Test
    void aBatchOfAtLeastOneIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new GroupCommit<Integer>(0));
    }

    /**
     * Item 0 is committed, and held there, while items 1 to {@code queued} are submitted behind it; then it is let
     * go. Every commit is recorded in {@link #commits}, then passed to {@code then}. Returns the outcome of items 1
     * to {@code queued}: "ok", or the message of the failure their caller got.
     */
    private List<String> queueBehindACommit(GroupCommit<Integer> group, int queued, Consumer<List<Integer>> then)
            throws Exception {
        CountDownLatch firstCommitStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        Consumer<List<Integer>> commit = items -> {
            commits.add(items);
            if (items.contains(0)) {
                firstCommitStarted.countDown();
                awaitRelease(releaseFirstCommit);
            }
            then.accept(items);
        };
        Future<?> first = callers.submit(() -> group.submit(0, commit));
        assertTrue(firstCommitStarted.await(10, TimeUnit.SECONDS));
        List<Future<?>> others = new ArrayList<>();
        for (int i = 1; i <= queued; i++) {
            int item = i;
            others.add(callers.submit(() -> group.submit(item, commit)));
        }
        await().atMost(Duration.ofSeconds(10)).until(group::queued, n -> n >= queued);
        releaseFirstCommit.countDown();
        first.get(10, TimeUnit.SECONDS);
        List<String> outcomes = new ArrayList<>();
        for (Future<?> other : others) {
            try {
                other.get(10, TimeUnit.SECONDS);
                outcomes.add("ok");
            } catch (ExecutionException e) {
                outcomes.add(e.getCause().getMessage());
            }
        }
        return outcomes;
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
