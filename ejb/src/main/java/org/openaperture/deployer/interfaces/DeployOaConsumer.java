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
 * Consumes the node's {@code deploy_oa} queue: the Overseer's upgrades of OpenAperture itself ({@code deploy_oa}
 * milestones), run exactly as {@link DeployerConsumer} runs a {@code deploy}. The original ran a second Deployer
 * for this queue; here it is a second bean, switched on by {@code openaperture.deploy_oa.enabled}.
 */
@MessageDriven(name = "DeployOaConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeployOaConsumer implements MessageListener {
    public static final String QUEUE = "deploy_oa";

    @Inject
    DeployerRequests requests;

    @Inject
    DeployerJobs jobs;

    @Override
    public void onMessage(Message message) {
        jobs.handle(requests.accept(MessageBodies.text(message), MessageBodies.messageId(message), QUEUE));
    }
}
