package org.openaperture.messaging.rpc.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonValue;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import org.openaperture.messaging.rpc.application.RpcRequestStore.Answer;
import org.openaperture.messaging.rpc.domain.RpcMessage;
import org.openaperture.messaging.rpc.domain.RpcStatus;

/**
 * The responder's side of an RPC (messaging.md §6.2): runs the requested action and writes the answer to the
 * request's row, {@code completed} with the result or {@code error} with {@code {"errors":["<reason>"]}}.
 *
 * <ul>
 *   <li>a request whose row is gone is not run: its requester has given up (or the cleanup deleted it), and an
 *       answer would be discarded anyway;
 *   <li>a request already answered is not run again: it is a redelivery (at-least-once delivery);
 *   <li>an answer for a row deleted while the action ran is discarded.
 * </ul>
 *
 * Failing to read or write the row is not an answer: it propagates, so the message is retried.
 */
public final class RpcResponder {
    private static final Logger LOG = System.getLogger(RpcResponder.class.getName());

    /** What the responder runs for a request body. */
    @FunctionalInterface
    public interface Action {
        /**
         * @return the result, the {@code response_body} of a {@code completed} answer
         * @throws RpcActionException when the action refuses the request
         */
        JsonValue run(JsonValue requestBody);
    }

    /** What became of a request. */
    public enum Outcome {
        /** Answered {@code completed}. */
        COMPLETED,
        /** Answered {@code error}: the action refused the request. */
        REFUSED,
        /** Answered {@code error}: the action failed unexpectedly (worth a system event). */
        CRASHED,
        /** Not run: answered before (a redelivery). */
        ALREADY_ANSWERED,
        /** Not run, or its answer dropped: the request row is gone. */
        DISCARDED
    }

    /** The outcome, and the reason given with an {@code error} answer. */
    public record Result(Outcome outcome, String reason) {}

    private final RpcRequestStore store;

    public RpcResponder(RpcRequestStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public Result respond(RpcMessage request, Action action) {
        Optional<Answer> row = store.read(request.id());
        if (row.isEmpty()) {
            LOG.log(Level.INFO, "RPC request {0} no longer exists: not run", request.id());
            return new Result(Outcome.DISCARDED, null);
        }
        if (row.get().status().answered()) {
            LOG.log(Level.INFO, "RPC request {0} was answered before: not run again", request.id());
            return new Result(Outcome.ALREADY_ANSWERED, null);
        }
        Result result;
        JsonValue body;
        try {
            body = action.run(request.requestBody());
            result = new Result(Outcome.COMPLETED, null);
        } catch (RpcActionException e) {
            result = new Result(Outcome.REFUSED, e.getMessage());
            body = errors(e.getMessage());
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.log(Level.WARNING, "RPC request " + request.id() + " failed: " + reason, e);
            result = new Result(Outcome.CRASHED, reason);
            body = errors(reason);
        }
        RpcStatus status = result.outcome() == Outcome.COMPLETED ? RpcStatus.COMPLETED : RpcStatus.ERROR;
        if (!store.answer(request.id(), status, body == null ? JsonValue.NULL : body)) {
            LOG.log(Level.INFO, "RPC request {0} was deleted or answered meanwhile: answer discarded", request.id());
            return new Result(Outcome.DISCARDED, result.reason());
        }
        return result;
    }

    static JsonValue errors(String reason) {
        return JSON.createObjectBuilder()
                .add("errors", JSON.createArrayBuilder().add(reason))
                .build();
    }
}
