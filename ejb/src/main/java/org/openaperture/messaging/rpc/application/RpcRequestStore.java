package org.openaperture.messaging.rpc.application;

import jakarta.json.JsonValue;
import java.util.Optional;
import org.openaperture.messaging.rpc.domain.RpcStatus;

/**
 * The rows of {@code messaging_rpc_requests} as the two sides of an RPC use them. Each call is a transaction
 * of its own, so that a requester sees the responder's answer as soon as it is committed.
 */
public interface RpcRequestStore {

    /** The responder's answer as far as it is known: a status and the response body (JSON null for none). */
    record Answer(RpcStatus status, JsonValue responseBody) {}

    /**
     * Stores a {@code not_started} request and queues its message for logical queue {@code queue} of exchange
     * {@code exchangeId}, together: the message leaves after the row is committed, or neither happens.
     *
     * @return the id of the request row
     */
    long open(long exchangeId, String queue, JsonValue requestBody);

    /** The request as the database has it now (never a cached copy); empty once it is deleted. */
    Optional<Answer> read(long id);

    /**
     * Writes the responder's answer, unless the request is gone (nobody waits for it any more) or already
     * answered (a redelivered request).
     *
     * @return whether the answer was written
     */
    boolean answer(long id, RpcStatus status, JsonValue responseBody);

    /** Deletes the request if it is still there. */
    void forget(long id);
}
