package org.openaperture.buildlog.interfaces;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.openaperture.buildlog.application.BuildLogBroadcaster;
import org.openaperture.buildlog.domain.BuildLog;
import org.openaperture.messaging.publish.infrastructure.MessageBodies;

/**
 * Consumes this node's own build-log queue ({@code openaperture.queue.build_logs}, bound in
 * {@code glassfish-ejb-jar.xml}; {@code NodeBuildLogQueue} declares it) and hands each message's lines to the
 * workflow's watchers on this node. One session, so lines keep their order. A message that is no build log is
 * retried and then dead-lettered.
 */
@MessageDriven(name = "BuildLogConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BuildLogConsumer implements MessageListener {

    @Inject
    BuildLogBroadcaster broadcaster;

    @Override
    public void onMessage(Message message) {
        broadcaster.publish(BuildLog.parse(MessageBodies.text(message)));
    }
}
