package org.openaperture.messaging.rpc.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.messaging.rpc.application.RpcRequestStore.Answer;
import org.openaperture.messaging.rpc.domain.RpcStatus;

/**
 * The requester's rule (the original {@code RpcHandler}, messaging.md §13.7) on a manual clock: the sleeper
 * moves the clock instead of waiting, so the 30 s deadline takes no time.
 */
class RpcRequesterTest {
    static final RpcTarget US_WEST = new RpcTarget(3, "US-WEST-1", "fleet_manager");
    static final JsonValue LIST_MACHINES =
            Json.createObjectBuilder().add("action", "list_machines").build();
    static final JsonValue MACHINES = Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("id", "m1"))
            .build();
    static final JsonValue ERRORS = Json.createObjectBuilder()
            .add("errors", Json.createArrayBuilder().add("unit x does not run"))
            .build();

    final FakeRpcStore store = new FakeRpcStore();
    final ManualClock clock = new ManualClock();

    RpcRequester requester(Duration timeout, Duration pollInterval) {
        return new RpcRequester(store, clock, clock::advance, new RpcRequester.Settings(timeout, pollInterval));
    }

    RpcRequester withDefaults() {
        return requester(Duration.ofSeconds(30), Duration.ofSeconds(1));
    }

    /** The responder answers the request just before read number {@code read}. */
    void answeredBefore(int read, RpcStatus status, JsonValue body) {
        store.beforeRead = n -> {
            if (n == read) {
                store.rows.replaceAll((id, row) -> new Answer(status, body));
            }
            return null;
        };
    }

    @Test
    @DisplayName("RpcHandler get_response timeout (0): not answered at once ⇒ a timeout error")
    void aZeroDeadlineTimesOutAfterOneRead() {
        RpcTimeoutException timeout =
                assertThrows(RpcTimeoutException.class, () -> requester(Duration.ZERO, Duration.ofSeconds(1))
                        .call(US_WEST, LIST_MACHINES));

        assertEquals("fleet_manager of exchange US-WEST-1 did not answer request 1 within 0 s", timeout.getMessage());
        assertEquals(1, store.reads);
    }

    @Test
    @DisplayName("RpcHandler get_response: completed ⇒ ok(response)")
    void completedGivesTheResponse() {
        answeredBefore(1, RpcStatus.COMPLETED, MACHINES);

        assertEquals(MACHINES, withDefaults().call(US_WEST, LIST_MACHINES));
    }

    @Test
    @DisplayName("RpcHandler get_response: error ⇒ error(reason)")
    void errorFailsWithTheReason() {
        answeredBefore(1, RpcStatus.ERROR, ERRORS);

        RpcFailedException failed =
                assertThrows(RpcFailedException.class, () -> withDefaults().call(US_WEST, LIST_MACHINES));

        assertEquals(
                "fleet_manager of exchange US-WEST-1 answered request 1 with an error: unit x does not run",
                failed.getMessage());
        assertEquals(List.of("unit x does not run"), failed.reasons());
    }

    @Test
    @DisplayName("RpcHandler get_response: in_progress for 1 s ⇒ An RpcHandler Timeout has occurred")
    void inProgressForTheWholeDeadlineTimesOut() {
        store.beforeRead = n -> {
            store.rows.replaceAll((id, row) -> new Answer(RpcStatus.IN_PROGRESS, JsonValue.NULL));
            return null;
        };

        RpcTimeoutException timeout =
                assertThrows(RpcTimeoutException.class, () -> requester(Duration.ofSeconds(1), Duration.ofSeconds(1))
                        .call(US_WEST, LIST_MACHINES));

        assertEquals("fleet_manager of exchange US-WEST-1 did not answer request 1 within 1 s", timeout.getMessage());
        assertEquals(2, store.reads, "at the start and at the deadline");
        assertEquals(Duration.ofSeconds(1), clock.elapsed());
    }

    @Test
    @DisplayName("the default deadline: read every second for 30 s, then a timeout naming exchange, request and 30 s")
    void nobodyAnswersWithinTheDefaultDeadline() {
        RpcTimeoutException timeout =
                assertThrows(RpcTimeoutException.class, () -> withDefaults().call(US_WEST, LIST_MACHINES));

        assertEquals("fleet_manager of exchange US-WEST-1 did not answer request 1 within 30 s", timeout.getMessage());
        assertEquals(31, store.reads);
        assertEquals(Duration.ofSeconds(30), clock.elapsed(), "no longer than the deadline");
    }

    @Test
    @DisplayName("the last read is at the deadline: an answer that came just in time counts")
    void anAnswerAtTheDeadlineCounts() {
        answeredBefore(31, RpcStatus.COMPLETED, MACHINES);

        assertEquals(MACHINES, withDefaults().call(US_WEST, LIST_MACHINES));
        assertEquals(Duration.ofSeconds(30), clock.elapsed());
    }

    @Test
    @DisplayName("a poll interval longer than what is left waits only until the deadline")
    void theLastWaitEndsAtTheDeadline() {
        assertThrows(RpcTimeoutException.class, () -> requester(Duration.ofMillis(2500), Duration.ofSeconds(1))
                .call(US_WEST, LIST_MACHINES));

        assertEquals(Duration.ofMillis(2500), clock.elapsed());
        assertEquals(4, store.reads, "at 0, 1, 2 and 2.5 s");
    }

    @Test
    @DisplayName("RpcHandler execute: save fails ⇒ error, nothing polled")
    void aRequestThatCannotBeSavedFails() {
        store.failOpen = new IllegalStateException("Failed to save RPC request!");

        IllegalStateException failed =
                assertThrows(IllegalStateException.class, () -> withDefaults().call(US_WEST, LIST_MACHINES));

        assertEquals("Failed to save RPC request!", failed.getMessage());
        assertEquals(0, store.reads);
        assertEquals(List.of(), store.forgotten);
    }

    @Test
    @DisplayName("RpcHandler execute: publish fails ⇒ error(reason): the row and its message are stored together")
    void aRequestThatCannotBeQueuedFailsWithTheReason() {
        IllegalStateException reason = new IllegalStateException("outbox unavailable");
        store.failOpen = reason;

        assertSame(reason, assertThrows(IllegalStateException.class, () -> withDefaults()
                .call(US_WEST, LIST_MACHINES)));
    }

    @Test
    @DisplayName("RpcHandler execute: response_status error ⇒ error(response_body)")
    void anErrorAnswerCarriesTheResponseBody() {
        answeredBefore(3, RpcStatus.ERROR, ERRORS);

        RpcFailedException failed =
                assertThrows(RpcFailedException.class, () -> withDefaults().call(US_WEST, LIST_MACHINES));

        assertEquals(ERRORS, failed.responseBody());
    }

    @Test
    @DisplayName("RpcHandler execute: success ⇒ completed(response_body), read once a second meanwhile")
    void success() {
        answeredBefore(4, RpcStatus.COMPLETED, MACHINES);

        assertEquals(MACHINES, withDefaults().call(US_WEST, LIST_MACHINES));
        assertEquals(List.of(LIST_MACHINES), store.opened, "the request body as given");
        assertEquals(Duration.ofSeconds(3), clock.elapsed());
    }

    @Test
    @DisplayName("RpcRequest completed?: a request deleted meanwhile (e.g. by the cleanup) ⇒ error, no endless wait")
    void aDeletedRequestFails() {
        store.beforeRead = n -> {
            if (n == 2) {
                store.rows.clear();
            }
            return null;
        };

        RpcFailedException failed =
                assertThrows(RpcFailedException.class, () -> withDefaults().call(US_WEST, LIST_MACHINES));

        assertEquals(
                "request 1 to fleet_manager of exchange US-WEST-1 was deleted before it was answered",
                failed.getMessage());
    }

    @Test
    @DisplayName("the request is deleted once answered, and when the requester gives up, so a late answer is dropped")
    void theRequestIsDeletedAfterwards() {
        answeredBefore(1, RpcStatus.COMPLETED, MACHINES);
        withDefaults().call(US_WEST, LIST_MACHINES);
        store.beforeRead = n -> null;
        assertThrows(RpcTimeoutException.class, () -> requester(Duration.ofSeconds(2), Duration.ofSeconds(1))
                .call(US_WEST, LIST_MACHINES));

        assertEquals(List.of(1L, 2L), store.forgotten);
        assertEquals(false, store.answer(2, RpcStatus.COMPLETED, MACHINES), "a late answer finds no row");
    }

    @Test
    void settingsRefuseAZeroPollIntervalAndANegativeTimeout() {
        assertThrows(
                IllegalArgumentException.class, () -> new RpcRequester.Settings(Duration.ofSeconds(30), Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RpcRequester.Settings(Duration.ofSeconds(-1), Duration.ofSeconds(1)));
    }

    /** A clock that only moves when the requester sleeps. */
    static final class ManualClock extends Clock {
        private final Instant start = Instant.parse("2026-11-30T12:00:00Z");
        private Instant now = start;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        Duration elapsed() {
            return Duration.between(start, now);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
