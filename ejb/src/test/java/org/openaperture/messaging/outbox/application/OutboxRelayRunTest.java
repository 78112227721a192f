package org.openaperture.messaging.outbox.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.messaging.outbox.domain.OutboxMessage;
import org.openaperture.messaging.publish.domain.BrokerUnavailableException;

/** The relay sends what is due, keeps what failed for later, and never drops a message. */
class OutboxRelayRunTest {

    /** An outbox in memory: every message is due unless it failed. */
    static final class MemoryStore implements OutboxRelayRun.Store {
        final Map<String, OutboxMessage> waiting = new LinkedHashMap<>();
        final Map<String, Duration> retries = new LinkedHashMap<>();
        final List<List<String>> forgotten = new ArrayList<>();

        void add(OutboxMessage m) {
            waiting.put(m.id(), m);
        }

        @Override
        public List<OutboxMessage> claimDue(int max) {
            return waiting.values().stream()
                    .filter(m -> !retries.containsKey(m.id()))
                    .limit(max)
                    .toList();
        }

        @Override
        public void delivered(List<String> ids) {
            forgotten.add(List.copyOf(ids));
            ids.forEach(waiting::remove);
        }

        @Override
        public void failed(String id, String error, Duration retryIn) {
            waiting.get(id).failed(error, retryIn);
            retries.put(id, retryIn);
        }

        @Override
        public void release(String id, Duration retryIn) {
            retries.put(id, retryIn);
        }
    }

    private static OutboxMessage message(String queue) {
        return new OutboxMessage(2, queue, "test", "{}");
    }

    @Test
    void theSentMessagesOfAClaimLeaveTheOutboxTogether() {
        MemoryStore store = new MemoryStore();
        OutboxMessage first = message("builder");
        OutboxMessage second = message("deployer");
        OutboxMessage third = message("overseer");
        store.add(first);
        store.add(second);
        store.add(third);

        OutboxRelayRun.run(store, m -> {});

        assertEquals(List.of(List.of(first.id(), second.id(), third.id())), store.forgotten);
    }

    /** A sender with a fast way: started sends are confirmed when the test says, or fail. */
    static final class StartingSender implements OutboxRelayRun.Sender {
        final List<String> startedIds = new ArrayList<>();
        final List<String> sentTheWholeWay = new ArrayList<>();
        final Map<String, CompletableFuture<Void>> confirmations = new LinkedHashMap<>();
        final int confirmAllWhenStarted;
        final String failing;

        StartingSender(int confirmAllWhenStarted, String failing) {
            this.confirmAllWhenStarted = confirmAllWhenStarted;
            this.failing = failing;
        }

        @Override
        public void send(OutboxMessage message) {
            sentTheWholeWay.add(message.id());
        }

        @Override
        public Optional<CompletionStage<Void>> start(OutboxMessage message) {
            startedIds.add(message.id());
            CompletableFuture<Void> confirmation = new CompletableFuture<>();
            confirmations.put(message.id(), confirmation);
            // The broker confirms only once every send of the claim was started.
            if (startedIds.size() == confirmAllWhenStarted) {
                confirmations.forEach((id, c) -> {
                    if (id.equals(failing)) {
                        c.completeExceptionally(new BrokerUnavailableException("not confirmed", null));
                    } else {
                        c.complete(null);
                    }
                });
            }
            return Optional.of(confirmation);
        }
    }

    @Test
    void everySendOfAClaimIsStartedBeforeAnyConfirmationIsAwaited() {
        MemoryStore store = new MemoryStore();
        OutboxMessage first = message("builder");
        OutboxMessage second = message("deployer");
        OutboxMessage third = message("overseer");
        store.add(first);
        store.add(second);
        store.add(third);
        StartingSender sender = new StartingSender(3, null);

        OutboxRelayRun.Result result =
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> OutboxRelayRun.run(store, sender));

        assertEquals(new OutboxRelayRun.Result(3, 0), result);
        assertEquals(List.of(), sender.sentTheWholeWay);
        assertTrue(store.waiting.isEmpty());
    }

    @Test
    void aStartedSendTheBrokerDidNotConfirmIsSentAgainTheWholeWay() {
        MemoryStore store = new MemoryStore();
        OutboxMessage first = message("builder");
        OutboxMessage second = message("deployer");
        store.add(first);
        store.add(second);
        StartingSender sender = new StartingSender(2, second.id());

        OutboxRelayRun.Result result = OutboxRelayRun.run(store, sender);

        assertEquals(new OutboxRelayRun.Result(2, 0), result);
        assertEquals(List.of(second.id()), sender.sentTheWholeWay);
        assertTrue(store.waiting.isEmpty());
    }

    @Test
    void sentMessagesLeaveTheOutbox() {
        MemoryStore store = new MemoryStore();
        store.add(message("builder"));
        store.add(message("deployer"));
        List<String> sent = new ArrayList<>();

        OutboxRelayRun.Result result = OutboxRelayRun.run(store, m -> sent.add(m.queue()));

        assertEquals(new OutboxRelayRun.Result(2, 0), result);
        assertEquals(List.of("builder", "deployer"), sent);
        assertTrue(store.waiting.isEmpty());
    }

    @Test
    @DisplayName("execute - publish error: the request stays in the outbox and is sent when the broker is back")
    void aFailedSendIsKeptAndSentLater() {
        MemoryStore store = new MemoryStore();
        OutboxMessage request = message("workflow_orchestration");
        store.add(request);

        OutboxRelayRun.Result down = OutboxRelayRun.run(store, m -> {
            throw new IllegalStateException("cannot publish to exchange AWS: connection refused");
        });

        assertEquals(new OutboxRelayRun.Result(0, 1), down);
        assertEquals(1, request.attempts());
        assertEquals("cannot publish to exchange AWS: connection refused", request.lastError());
        assertEquals(Duration.ofSeconds(1), store.retries.get(request.id()));

        store.retries.clear();
        List<String> sent = new ArrayList<>();
        assertEquals(new OutboxRelayRun.Result(1, 0), OutboxRelayRun.run(store, m -> sent.add(m.id())));
        assertEquals(List.of(request.id()), sent);
        assertTrue(store.waiting.isEmpty());
    }

    @Test
    @DisplayName("a lost broker ends the pass: the later messages are given back untried, not failed one by one")
    void aLostBrokerEndsThePass() {
        MemoryStore store = new MemoryStore();
        OutboxMessage first = message("builder");
        OutboxMessage second = message("deployer");
        store.add(first);
        store.add(second);
        List<String> tried = new ArrayList<>();

        OutboxRelayRun.Result result = OutboxRelayRun.run(store, m -> {
            tried.add(m.queue());
            throw new BrokerUnavailableException("broker 1 has no failover broker", null);
        });

        assertEquals(new OutboxRelayRun.Result(0, 1), result);
        assertEquals(List.of("builder"), tried);
        assertEquals(1, first.attempts());
        assertEquals(0, second.attempts(), "not an attempt");
        assertEquals(Duration.ofSeconds(1), store.retries.get(second.id()));
        assertEquals(2, store.waiting.size(), "nothing dropped");
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToAMinute() {
        assertEquals(Duration.ofSeconds(1), OutboxRelayRun.retryDelay(1));
        assertEquals(Duration.ofSeconds(2), OutboxRelayRun.retryDelay(2));
        assertEquals(Duration.ofSeconds(32), OutboxRelayRun.retryDelay(6));
        assertEquals(Duration.ofMinutes(1), OutboxRelayRun.retryDelay(7));
        assertEquals(Duration.ofMinutes(1), OutboxRelayRun.retryDelay(1000));
    }
}
