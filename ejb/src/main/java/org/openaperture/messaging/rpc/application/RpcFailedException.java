package org.openaperture.messaging.rpc.application;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * The responder answered an RPC request with an error (its {@code response_body}, usually
 * {@code {"errors":["<reason>"]}}), or the request disappeared before it was answered.
 */
public class RpcFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient JsonValue responseBody;

    public RpcFailedException(String message, JsonValue responseBody) {
        super(message);
        this.responseBody = responseBody == null ? JsonValue.NULL : responseBody;
    }

    /** What the responder answered; JSON null when it did not. */
    public JsonValue responseBody() {
        return responseBody;
    }

    /** The reasons of an answer shaped {@code {"errors":["<reason>", ...]}}; empty for any other shape. */
    public List<String> reasons() {
        if (responseBody instanceof JsonObject body && body.get("errors") instanceof JsonArray errors) {
            return errors.stream()
                    .map(e -> e instanceof JsonString s ? s.getString() : e.toString())
                    .toList();
        }
        return List.of();
    }
}
