package org.openaperture.deployer.interfaces;

import jakarta.inject.Inject;
import jakarta.jms.Message;
import org.openaperture.deployer.application.DeployerJobs;
import org.openaperture.deployer.application.DeployerRequests;
import org.openaperture.messaging.publish.infrastructure.MessageBodies;

/**
 * What both Deployer queues do with a message: accept it (its id recorded, so a redelivery starts nothing),
 * start its job on the managed executor or cancel the workflow's job, and return, which acknowledges it. A
 * message that is no request propagates to the adapter, which retries and then dead-letters it.
 */
abstract class DeployerQueueConsumer {

    @Inject
    DeployerRequests requests;

    @Inject
    DeployerJobs jobs;

    /** The logical queue, {@code deployer} or {@code deploy_oa}: the consumer its message ids are recorded for. */
    abstract String queue();

    /** Each bean's {@code onMessage}, which the bean declares itself so its transaction attribute applies. */
    void receive(Message message) {
        jobs.handle(requests.accept(MessageBodies.text(message), MessageBodies.messageId(message), queue()));
    }
}
