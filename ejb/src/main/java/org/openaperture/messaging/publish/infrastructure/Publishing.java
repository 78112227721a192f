package org.openaperture.messaging.publish.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.common.application.IsoDurations;
import org.openaperture.jms.amqp.settings.AddressDialect;
import org.openaperture.messaging.publish.application.FailoverMonitor;
import org.openaperture.messaging.publish.application.FailoverPublisher;
import org.openaperture.messaging.publish.application.FailoverPublisher.Side;
import org.openaperture.messaging.publish.application.PublishTarget;

/**
 * This node's one {@link FailoverPublisher}: it remembers which brokers have failed over, so it lives as long
 * as the application. It sends through the adapter's pooled connection factory ({@link
 * BrokerConnectionFactoryLookup}).
 */
@ApplicationScoped
public class Publishing {

    @Inject
    BrokerConnectionFactoryLookup factories;

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
    private JmsBrokerSender sender;
    private FailoverPublisher publisher;

    @PostConstruct
    void create() {
        sender = new JmsBrokerSender(factories::connectionFactory, AddressDialect.fromConfig(dialect));
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
     * What a {@link #batch(Kept)} keeps for the next one: the channels to the brokers and the resolved targets.
     * One batch at a time; close it when done (or when a send failed, to start afresh).
     */
    public static final class Kept implements AutoCloseable {
        private final JmsBrokerSender.Channels channels = new JmsBrokerSender.Channels();
        private final Map<String, Resolved> targets = new HashMap<>();

        @Override
        public void close() {
            channels.close();
            targets.clear();
        }
    }

    /**
     * Until closed, this thread's sends use the connections, sessions and producers {@code kept} holds, and where
     * a message for a given exchange and queue goes is resolved once a second rather than once a message (a relay
     * pass); closing it leaves {@code kept} open for the next batch.
     */
    public JmsBrokerSender.Batch batch(Kept kept) {
        if (targets.get() != null) {
            return () -> {};
        }
        JmsBrokerSender.Batch sending = sender.batch(kept.channels);
        targets.set(kept.targets);
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

    private static Duration duration(String key, String value) {
        return IsoDurations.parse(key, value, "PT1S");
    }
}
