package org.openaperture.messaging.publish.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import org.openaperture.jms.amqp.inbound.FailoverEvent;
import org.openaperture.jms.amqp.inbound.FailoverEvents;
import org.openaperture.messaging.publish.application.FailoverMonitor;

/**
 * Passes the resource adapter's consumer switches (a message-driven bean's queue moved to the failover broker,
 * or back) on to the {@link FailoverMonitor}, on a managed thread of this application: the adapter tells its
 * listeners on a thread of its own, where neither transactions nor this application's beans are at hand.
 */
@Singleton
@Startup
public class ConsumerFailovers {
    private static final Logger LOG = System.getLogger(ConsumerFailovers.class.getName());

    @Inject
    FailoverMonitor monitor;

    @Resource
    ManagedExecutorService executor;

    private FailoverEvents.Registration registration;

    @PostConstruct
    void listen() {
        registration = FailoverEvents.addListener(this::switched);
    }

    @PreDestroy
    void stop() {
        registration.close();
    }

    private void switched(FailoverEvent event) {
        boolean failedOver = event.type() == FailoverEvent.Type.FAILED_OVER;
        try {
            executor.execute(() -> monitor.switched(
                    FailoverMonitor.Role.CONSUMER,
                    event.queue(),
                    event.fromUrl() + " queue " + event.fromQueue(),
                    event.toUrl() + " queue " + event.toQueue(),
                    failedOver,
                    event.reason()));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "the application is stopping; not recording the switch of queue " + event.queue());
        }
    }
}
