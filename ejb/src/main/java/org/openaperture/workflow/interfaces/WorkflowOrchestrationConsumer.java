package org.openaperture.workflow.interfaces;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.openaperture.messaging.publish.infrastructure.MessageBodies;
import org.openaperture.workflow.application.OrchestrationFailures;
import org.openaperture.workflow.application.WorkflowOrchestration;

/**
 * Consumes the node's {@code workflow_orchestration} queue: the Manager's execute requests, the workers'
 * milestone callbacks and the orchestrator's own wake-ups of scheduled workflows. Bound in
 * {@code glassfish-ejb-jar.xml}; consumes only where {@code openaperture.queue.workflow_orchestration.enabled}
 * is true. Every failure propagates to the adapter, which retries with backoff and then dead-letters to
 * {@code <queue>_error}; a message that cannot be understood first fails the workflow it names, in a
 * transaction of its own, so the workflow does not wait forever for a message that is gone.
 */
@MessageDriven(name = "WorkflowOrchestrationConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WorkflowOrchestrationConsumer implements MessageListener {

    @Inject
    WorkflowOrchestration orchestration;

    @Override
    public void onMessage(Message message) {
        String body = MessageBodies.text(message);
        try {
            orchestration.handle(body, MessageBodies.messageId(message));
        } catch (RuntimeException e) {
            OrchestrationFailures.notUnderstood(e).ifPresent(poison -> poison.workflowId()
                    .ifPresent(id -> orchestration.failPoisoned(id, poison.reason())));
            throw e;
        }
    }
}
