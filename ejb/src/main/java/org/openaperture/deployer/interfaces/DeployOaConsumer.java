package org.openaperture.deployer.interfaces;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.openaperture.messaging.topology.domain.QueueNames;

/**
 * Consumes the node's {@code deploy_oa} queue: the Overseer's upgrades of OpenAperture itself ({@code deploy_oa}
 * milestones), run exactly as {@link DeployerConsumer} runs a {@code deploy}. The original ran a second Deployer
 * for this queue; here it is a second bean, switched on by {@code openaperture.deploy_oa.enabled}.
 */
@MessageDriven(name = "DeployOaConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeployOaConsumer extends DeployerQueueConsumer implements MessageListener {
    public static final String QUEUE = QueueNames.DEPLOY_OA;

    @Override
    public void onMessage(Message message) {
        receive(message);
    }

    @Override
    String queue() {
        return QUEUE;
    }
}
