package org.openaperture.fleet.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import org.openaperture.fleet.domain.FleetAction;
import org.openaperture.fleet.domain.FleetRequest;
import org.openaperture.messaging.rpc.application.RpcClient;
import org.openaperture.messaging.rpc.application.RpcFailedException;
import org.openaperture.messaging.topology.domain.QueueNames;

/**
 * Asks the FleetManager of an exchange (the consumer of its {@code fleet_manager} queue) over RPC, as the
 * original Manager's {@code FleetManagerPublisher} did, and waits for the answer.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FleetManagerClient {
    public static final String QUEUE = QueueNames.FLEET_MANAGER;

    @Inject
    RpcClient rpc;

    /** The machines of the exchange's fleet; an answer without any (the original's null result) is a failure. */
    public JsonValue listMachines(long exchangeId) {
        JsonValue machines = request(exchangeId, FleetRequest.of(FleetAction.LIST_MACHINES));
        if (machines == null || machines.getValueType() == JsonValue.ValueType.NULL) {
            throw new RpcFailedException(
                    QUEUE + " of exchange " + exchangeId + " answered list_machines without a result", JsonValue.NULL);
        }
        return machines;
    }

    /**
     * Any action.
     *
     * @throws org.openaperture.messaging.rpc.application.RpcTimeoutException no answer within the deadline
     * @throws org.openaperture.messaging.rpc.application.RpcFailedException an {@code error} answer
     */
    public JsonValue request(long exchangeId, FleetRequest request) {
        return rpc.call(exchangeId, QUEUE, request.toJson());
    }
}
