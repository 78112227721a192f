package org.openaperture.builder.interfaces;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.openaperture.builder.application.BuilderJobs;
import org.openaperture.builder.application.BuilderRequests;
import org.openaperture.messaging.publish.infrastructure.MessageBodies;

/**
 * Consumes the node's {@code builder} queue: milestone requests ({@code config}, {@code build}) and the
 * orchestrator's cancels. The queue, the resource adapter and whether this node consumes it at all
 * ({@code openaperture.builder.enabled}) are bound in {@code glassfish-ejb-jar.xml}.
 *
 * <p>A build may take an hour, so the message is not held for it: the request is accepted (its id recorded, so
 * a redelivery starts nothing), the job starts on the managed executor, and the message is acknowledged; the
 * result reaches the orchestrator as a new message. A message that is no request propagates to the adapter,
 * which retries and then dead-letters it.
 */
@MessageDriven(name = "BuilderConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BuilderConsumer implements MessageListener {

    @Inject
    BuilderRequests requests;

    @Inject
    BuilderJobs jobs;

    @Override
    public void onMessage(Message message) {
        requests.accept(MessageBodies.text(message), MessageBodies.messageId(message))
                .ifPresent(request -> {
                    if (request.cancel()) {
                        jobs.cancel(request.workflowId());
                    } else {
                        jobs.start(request);
                    }
                });
    }
}
