package org.openaperture.fleet.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openaperture.messaging.rpc.application.RpcRequestService;
import org.openaperture.messaging.rpc.application.RpcResponder;
import org.openaperture.messaging.rpc.domain.RpcMessage;
import org.openaperture.node.NodeConfig;
import org.openaperture.system.application.UnhandledExceptionEvents;

/**
 * Answers an RPC request taken off a {@code fleet_manager} queue: runs its action on {@link FleetActions}
 * and writes the answer straight to the request row ({@link RpcResponder}), as a responder in the Manager's
 * own node can. A request the action fails on unexpectedly is answered {@code error} and raises a unique
 * {@code unhandled_exception} system event, as the original did.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FleetRequestHandler {
    private static final Logger LOG = System.getLogger(FleetRequestHandler.class.getName());
    public static final String COMPONENT = "fleet_manager";
    private static final AtomicBoolean WARNED_NOT_A_COMPONENT = new AtomicBoolean();

    @Inject
    RpcRequestService requests;

    @Inject
    FleetActions actions;

    @Inject
    NodeConfig node;

    @Inject
    UnhandledExceptionEvents unhandled;

    /**
     * @throws org.openaperture.common.domain.InvalidRequestException for a message that is no RPC request
     *     (it is retried, then dead-lettered)
     */
    public RpcResponder.Result handle(String message) {
        RpcMessage request = RpcMessage.parse(message);
        warnUnlessThisNodeRunsTheFleetManager();
        RpcResponder.Result result =
                new RpcResponder(requests).respond(request, body -> FleetDispatcher.run(actions, body));
        LOG.log(Level.DEBUG, "fleet_manager request {0}: {1}", request.id(), result.outcome());
        if (result.outcome() == RpcResponder.Outcome.CRASHED) {
            raiseUnhandledException(request, result.reason());
        }
        return result;
    }

    private void raiseUnhandledException(RpcMessage request, String reason) {
        String action = request.requestBody() instanceof JsonObject body && body.get("action") instanceof JsonString a
                ? a.getString()
                : "";
        unhandled.raise(
                COMPONENT,
                "fleet_manager failed on request " + request.id() + " (" + action + "): " + reason,
                Map.of("fleet_request_action", action));
    }

    /** See the README's known issues: the consumer cannot be switched off per node yet. */
    private void warnUnlessThisNodeRunsTheFleetManager() {
        if (!node.components().contains(COMPONENT) && WARNED_NOT_A_COMPONENT.compareAndSet(false, true)) {
            LOG.log(
                    Level.WARNING,
                    "this node answers fleet_manager requests although openaperture.node.components ({0}) does not"
                            + " list fleet_manager: its consumer cannot be switched off per node yet",
                    node.components());
        }
    }
}
