package org.openaperture.deployer.interfaces;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.openaperture.deployer.application.DeployerJobs;
import org.openaperture.deployer.application.DeployerRequests;
import org.openaperture.messaging.infrastructure.MessageBodies;

/**
 * Consumes the node's {@code deployer} queue: milestone requests ({@code deploy}, {@code deploy_ecs}) and the
 * orchestrator's cancels. The queue, the resource adapter and whether this node consumes it at all ({@code
 * openaperture.deployer.enabled}) are bound in {@code glassfish-ejb-jar.xml}.
 *
 * <p>A deploy and its monitor may take half an hour, so the message is not held for it: the request is accepted
 * (its id recorded, so a redelivery starts nothing), the job starts on the managed executor, and the message is
 * acknowledged; the result reaches the orchestrator as a new message. A message that is no request propagates to
 * the adapter, which retries and then dead-letters it.
 */
@MessageDriven(name = "DeployerConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeployerConsumer implements MessageListener {
    public static final String QUEUE = "deployer";

    @Inject
    DeployerRequests requests;

    @Inject
    DeployerJobs jobs;

    @Override
    public void onMessage(Message message) {
        jobs.handle(requests.accept(MessageBodies.text(message), MessageBodies.messageId(message), QUEUE));
    }
}
