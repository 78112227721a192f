package org.openaperture.messaging.rpc.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.common.domain.InvalidRequestException;

class RpcMessageTest {

    @Test
    @DisplayName("RpcRequest from_payload/to_payload: a round trip keeps every field")
    void roundTrip() {
        RpcMessage request = RpcMessage.request(
                17, Json.createObjectBuilder().add("action", "list_units").build(), "fleet_manager");

        assertEquals(request, RpcMessage.parse(request.toJson().toString()));
        assertEquals(
                "{\"id\":17,\"status\":\"not_started\",\"request_body\":{\"action\":\"list_units\"},"
                        + "\"response_body\":null,\"queue_name\":\"fleet_manager\"}",
                request.toJson().toString());
    }

    @Test
    void aRequestWithoutBodiesHasJsonNulls() {
        RpcMessage parsed = RpcMessage.parse("{\"id\":3}");

        assertEquals(JsonValue.NULL, parsed.requestBody());
        assertEquals("not_started", parsed.status());
    }

    @Test
    void aMessageThatNamesNoRequestIsRefused() {
        assertEquals(
                "id",
                assertThrows(InvalidRequestException.class, () -> RpcMessage.parse("{\"status\":\"x\"}"))
                        .field());
        assertThrows(InvalidRequestException.class, () -> RpcMessage.parse("{\"id\":\"7\"}"));
        assertThrows(InvalidRequestException.class, () -> RpcMessage.parse("{\"id\":1.5}"));
        assertThrows(InvalidRequestException.class, () -> RpcMessage.parse("not json"));
        assertThrows(InvalidRequestException.class, () -> RpcMessage.parse("[1]"));
    }

    @Test
    void statusesAreLowercaseAndOnlyCompletedAndErrorAreAnswers() {
        assertEquals(RpcStatus.IN_PROGRESS, RpcStatus.of("in_progress").orElseThrow());
        assertEquals("not_started", RpcStatus.NOT_STARTED.wire());
        assertEquals(true, RpcStatus.COMPLETED.answered());
        assertEquals(true, RpcStatus.ERROR.answered());
        assertEquals(false, RpcStatus.IN_PROGRESS.answered());
        assertEquals(false, RpcStatus.of("done").isPresent());
    }
}
