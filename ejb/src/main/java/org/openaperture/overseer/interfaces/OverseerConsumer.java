package org.openaperture.overseer.interfaces;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.openaperture.messaging.publish.infrastructure.MessageBodies;
import org.openaperture.overseer.application.OverseerRequests;

/**
 * Consumes the node's {@code overseer} queue (upgrade requests). The queue, the resource adapter and the
 * switch ({@code openaperture.overseer.enabled}) are bound in {@code glassfish-ejb-jar.xml}. Every request is
 * acknowledged: what went wrong is recorded on the component or as a system event (components.md §8.4).
 */
@MessageDriven(name = "OverseerConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OverseerConsumer implements MessageListener {

    @Inject
    OverseerRequests requests;

    @Override
    public void onMessage(Message message) {
        requests.handle(MessageBodies.text(message));
    }
}
