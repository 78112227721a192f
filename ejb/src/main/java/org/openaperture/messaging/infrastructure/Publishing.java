package org.openaperture.messaging.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.jms.amqp.settings.AddressDialect;
import org.openaperture.messaging.application.FailoverMonitor;
import org.openaperture.messaging.application.FailoverPublisher;
import org.openaperture.messaging.application.FailoverPublisher.Side;
import org.openaperture.messaging.application.PublishTarget;

/**
 * This node's one {@link FailoverPublisher}: it remembers which brokers have failed over, so it lives as long
 * as the application. It sends through the adapter's pooled connection factory, looked up on first use
 * because on Payara Server the operator creates the factory after deploying the application.
 */
@ApplicationScoped
public class Publishing {

    @Inject
    @ConfigProperty(
            name = "openaperture.broker.connection-factory",
            defaultValue = "jms/openaperture/ConnectionFactory")
    String connectionFactoryName;

    @Inject
    @ConfigProperty(name = "openaperture.broker.address-dialect", defaultValue = "rabbitmq3")
    String dialect;

    @Inject
    @ConfigProperty(name = "openaperture.publish.reconnect-attempts", defaultValue = "5")
    int reconnectAttempts;

    @Inject
    @ConfigProperty(name = "openaperture.publish.reconnect-delay", defaultValue = "PT1S")
    String reconnectDelay;

    @Inject
    @ConfigProperty(name = "openaperture.publish.fail-back", defaultValue = "false")
    boolean failBack;

    @Inject
    @ConfigProperty(name = "openaperture.publish.fail-back-interval", defaultValue = "PT1M")
    String failBackInterval;

    @Inject
    FailoverMonitor monitor;

    private static final long RESOLVED_FOR_NANOS = 1_000_000_000L;
    private final ThreadLocal<Map<String, Resolved>> targets = new ThreadLocal<>();
    private volatile ConnectionFactory factory;
    private JmsBrokerSender sender;
    private FailoverPublisher publisher;

    @PostConstruct
    void create() {
        sender = new JmsBrokerSender(this::connectionFactory, AddressDialect.fromConfig(dialect));
        publisher = new FailoverPublisher(
                sender,
                new FailoverPublisher.Settings(
                        reconnectAttempts,
                        duration("openaperture.publish.reconnect-delay", reconnectDelay),
                        failBack,
                        duration("openaperture.publish.fail-back-interval", failBackInterval)));
        publisher.onSwitch(s -> monitor.switched(
                FailoverMonitor.Role.PUBLISHER,
                Long.toString(s.brokerId()),
                s.from(),
                s.towards(),
                s.to() == Side.FAILOVER,
                s.reason()));
    }

    public FailoverPublisher publisher() {
        return publisher;
    }

    /**
     * Until closed, this thread's sends share connections, sessions and producers, and where a message for a
     * given exchange and queue goes is resolved once a second rather than once a message (a relay pass).
     */
    public JmsBrokerSender.Batch batch() {
        if (targets.get() != null) {
            return () -> {};
        }
        JmsBrokerSender.Batch sending = sender.batch();
        targets.set(new HashMap<>());
        return () -> {
            targets.remove();
            sending.close();
        };
    }

    /** {@code resolve}'s answer, kept for a second within a batch; outside one, resolved every time. */
    public PublishTarget target(long exchangeId, String queue, Supplier<PublishTarget> resolve) {
        Map<String, Resolved> cache = targets.get();
        if (cache == null) {
            return resolve.get();
        }
        long now = System.nanoTime();
        Resolved known = cache.get(exchangeId + " " + queue);
        if (known != null && now - known.at() < RESOLVED_FOR_NANOS) {
            return known.target();
        }
        PublishTarget target = resolve.get();
        cache.put(exchangeId + " " + queue, new Resolved(target, now));
        return target;
    }

    private record Resolved(PublishTarget target, long at) {}

    private ConnectionFactory connectionFactory() {
        ConnectionFactory found = factory;
        if (found == null) {
            try {
                found = InitialContext.doLookup(connectionFactoryName);
            } catch (NamingException e) {
                throw new IllegalStateException(
                        "no connection factory " + connectionFactoryName + " (openaperture.broker.connection-factory)",
                        e);
            }
            factory = found;
        }
        return found;
    }

    private static Duration duration(String key, String value) {
        try {
            return Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalStateException(key + " is " + value + "; it must be an ISO-8601 duration such as PT1S", e);
        }
    }
}
