package org.openaperture.fleet.interfaces;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.openaperture.fleet.application.FleetRequestHandler;
import org.openaperture.messaging.publish.infrastructure.MessageBodies;

/**
 * Consumes the node's {@code fleet_manager} queue: RPC requests to the FleetManager. The queue and the
 * resource adapter are bound in {@code glassfish-ejb-jar.xml}. An answer (also an {@code error} one) is
 * written to the request's row before the message is acknowledged; a message that is no request, or a row
 * that cannot be written, propagates to the adapter, which retries and then dead-letters it.
 */
@MessageDriven(name = "FleetManagerConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FleetManagerConsumer implements MessageListener {

    @Inject
    FleetRequestHandler requests;

    @Override
    public void onMessage(Message message) {
        requests.handle(MessageBodies.text(message));
    }
}
