package org.openaperture.deployer.interfaces;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.openaperture.messaging.topology.domain.QueueNames;

/**
 * Consumes the node's {@code deployer} queue: milestone requests ({@code deploy}, {@code deploy_ecs}) and the
 * orchestrator's cancels. The queue, the resource adapter and whether this node consumes it at all ({@code
 * openaperture.deployer.enabled}) are bound in {@code glassfish-ejb-jar.xml}. A deploy and its monitor may take
 * half an hour, so the message is not held for it: the result reaches the orchestrator as a new message.
 */
@MessageDriven(name = "DeployerConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeployerConsumer extends DeployerQueueConsumer implements MessageListener {
    public static final String QUEUE = QueueNames.DEPLOYER;

    @Override
    public void onMessage(Message message) {
        receive(message);
    }

    @Override
    String queue() {
        return QUEUE;
    }
}
