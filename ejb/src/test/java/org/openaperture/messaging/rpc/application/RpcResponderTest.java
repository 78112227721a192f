package org.openaperture.messaging.rpc.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.messaging.rpc.application.RpcRequestStore.Answer;
import org.openaperture.messaging.rpc.application.RpcResponder.Outcome;
import org.openaperture.messaging.rpc.domain.RpcMessage;
import org.openaperture.messaging.rpc.domain.RpcStatus;

/** The responder's rule (messaging.md §6.2, the original {@code acknowledge_rpc}) over rows in memory. */
class RpcResponderTest {
    static final JsonValue BODY =
            Json.createObjectBuilder().add("action", "list_machines").build();
    static final JsonValue RESULT = Json.createArrayBuilder().add("m1").build();

    final FakeRpcStore store = new FakeRpcStore();
    final RpcResponder responder = new RpcResponder(store);
    final AtomicInteger runs = new AtomicInteger();
    long id;

    RpcMessage request() {
        id = store.open(2, "fleet_manager", BODY);
        return RpcMessage.request(id, BODY, "fleet_manager");
    }

    JsonValue action(JsonValue body) {
        runs.incrementAndGet();
        assertEquals(BODY, body);
        return RESULT;
    }

    @Test
    @DisplayName("a result ⇒ completed with the result as response_body")
    void aResultCompletesTheRequest() {
        RpcMessage request = request();

        assertEquals(Outcome.COMPLETED, responder.respond(request, this::action).outcome());

        assertEquals(new Answer(RpcStatus.COMPLETED, RESULT), store.rows.get(id));
    }

    @Test
    @DisplayName("an action error ⇒ error with {\"errors\":[\"<reason>\"]}")
    void anActionErrorIsAnswered() {
        RpcMessage request = request();

        var result = responder.respond(request, body -> {
            throw new RpcActionException("unknown fleet action 'dance'");
        });

        assertEquals(Outcome.REFUSED, result.outcome());
        assertEquals(
                new Answer(
                        RpcStatus.ERROR,
                        Json.createReader(new java.io.StringReader("{\"errors\":[\"unknown fleet action 'dance'\"]}"))
                                .readValue()),
                store.rows.get(id));
    }

    @Test
    @DisplayName("a crash ⇒ the same error shape, reported as a crash")
    void aCrashIsAnsweredAsAnError() {
        RpcMessage request = request();

        var result = responder.respond(request, body -> {
            throw new NullPointerException("boom");
        });

        assertEquals(Outcome.CRASHED, result.outcome());
        assertEquals("boom", result.reason());
        assertEquals(RpcStatus.ERROR, store.rows.get(id).status());
    }

    @Test
    @DisplayName("RpcRequest save: existing but deleted remotely ⇒ ok, the answer is discarded (and nothing is run)")
    void aDeletedRequestIsNotRun() {
        RpcMessage request = request();
        store.rows.clear();

        assertEquals(Outcome.DISCARDED, responder.respond(request, this::action).outcome());
        assertEquals(0, runs.get());
    }

    @Test
    @DisplayName("a request deleted while its action runs: the answer is discarded")
    void aRequestDeletedWhileRunningDropsItsAnswer() {
        RpcMessage request = request();

        var result = responder.respond(request, body -> {
            store.rows.clear();
            return RESULT;
        });

        assertEquals(Outcome.DISCARDED, result.outcome());
        assertEquals(null, store.rows.get(id));
    }

    @Test
    @DisplayName("a redelivered request that was answered already is not run again")
    void aRedeliveryIsNotRunAgain() {
        RpcMessage request = request();
        responder.respond(request, this::action);

        assertEquals(
                Outcome.ALREADY_ANSWERED,
                responder.respond(request, this::action).outcome());
        assertEquals(1, runs.get());
        assertEquals(new Answer(RpcStatus.COMPLETED, RESULT), store.rows.get(id));
    }

    @Test
    @DisplayName("a row that cannot be read is no answer: the failure propagates, so the message is retried")
    void aStoreFailurePropagates() {
        RpcMessage request = request();
        store.beforeRead = n -> {
            throw new IllegalStateException("database down");
        };

        assertThrows(IllegalStateException.class, () -> responder.respond(request, this::action));
        assertEquals(0, runs.get());
    }
}
