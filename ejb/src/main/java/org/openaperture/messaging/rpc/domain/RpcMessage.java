package org.openaperture.messaging.rpc.domain;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Objects;
import org.openaperture.common.domain.InvalidRequestException;

/**
 * The message that carries an RPC request to the responder's queue, field for field as the original
 * published it (messaging.md §6.1): {@code {"id", "status", "request_body", "response_body", "queue_name"}}.
 * The row in {@code messaging_rpc_requests} with that id is where the answer goes.
 */
public record RpcMessage(long id, String status, JsonValue requestBody, JsonValue responseBody, String queueName) {

    public RpcMessage {
        Objects.requireNonNull(status, "status");
        requestBody = requestBody == null ? JsonValue.NULL : requestBody;
        responseBody = responseBody == null ? JsonValue.NULL : responseBody;
    }

    /** The request as the requester sends it: not started, no response yet. */
    public static RpcMessage request(long id, JsonValue requestBody, String queueName) {
        return new RpcMessage(id, RpcStatus.NOT_STARTED.wire(), requestBody, JsonValue.NULL, queueName);
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", id)
                .add("status", status)
                .add("request_body", requestBody)
                .add("response_body", responseBody);
        return (queueName == null ? json.addNull("queue_name") : json.add("queue_name", queueName)).build();
    }

    /**
     * Reads a request off a queue. One that names no request ({@code id} missing or not a whole number) or is
     * not JSON is refused with what is wrong with it, so the message is retried and then dead-lettered.
     */
    public static RpcMessage parse(String text) {
        JsonObject json;
        try (var reader = JSON.createReader(new StringReader(text == null ? "" : text))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidRequestException(null, "an RPC request must be a JSON object: " + e.getMessage());
        }
        if (!(json.get("id") instanceof JsonNumber id) || !id.isIntegral()) {
            throw new InvalidRequestException("id", "an RPC request must name its request row by a numeric id");
        }
        return new RpcMessage(
                id.longValue(),
                json.get("status") instanceof JsonString s ? s.getString() : RpcStatus.NOT_STARTED.wire(),
                json.get("request_body"),
                json.get("response_body"),
                json.get("queue_name") instanceof JsonString q ? q.getString() : null);
    }
}
