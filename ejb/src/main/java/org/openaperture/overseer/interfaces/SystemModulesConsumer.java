package org.openaperture.overseer.interfaces;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.openaperture.messaging.publish.infrastructure.MessageBodies;
import org.openaperture.overseer.application.HeartbeatBatches;

/**
 * Consumes the node's {@code system_modules} queue (module heartbeats), committed in groups: each session
 * waits until the transaction holding its heartbeat committed. The queue, the resource adapter, the number of
 * sessions and the redelivery settings are bound in {@code glassfish-ejb-jar.xml} and {@code jboss-ejb3.xml}.
 * A failure propagates to the adapter, which retries with backoff and then dead-letters the message to
 * {@code <queue>_error}.
 */
@MessageDriven(name = "SystemModulesConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SystemModulesConsumer implements MessageListener {

    @Inject
    HeartbeatBatches heartbeats;

    @Override
    public void onMessage(Message message) {
        heartbeats.handle(MessageBodies.text(message), MessageBodies.messageId(message));
    }
}
