package org.openaperture.messaging.infrastructure;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import org.openaperture.common.domain.NodeNotReadyException;
import org.openaperture.common.infrastructure.AppMetrics;
import org.openaperture.messaging.application.ConnectionResolver;
import org.openaperture.messaging.application.FailoverPublisher.Side;
import org.openaperture.messaging.application.NodeIdentity;
import org.openaperture.messaging.application.PublishTarget;
import org.openaperture.messaging.domain.Envelope;
import org.openaperture.messaging.outbox.OutboxMessage;
import org.openaperture.messaging.outbox.OutboxRelayRun;

/**
 * Sends outbox messages: resolves where each goes (root exchange, routing key {@code <routing key>.<queue>},
 * broker connection by the restriction rules) and publishes it through {@link Publishing}, which fails
 * over to the failover broker and exchange when the broker is lost. Each confirmed send is timed in
 * {@code openaperture_publish} (tag {@code side}: primary or failover).
 */
@Stateless
@LocalBean
public class AmqpOutboxSender implements OutboxRelayRun.Sender {

    @Inject
    ConnectionResolver resolver;

    @Inject
    NodeIdentity node;

    @Inject
    Publishing publishing;

    @Inject
    AppMetrics metrics;

    static final String PUBLISH = "openaperture_publish";
    static final String PUBLISH_DESCRIPTION =
            "Sends confirmed by a broker: resolution, connection from the pool, send and confirmation";

    @Override
    public void send(OutboxMessage message) {
        long started = System.nanoTime();
        PublishTarget target = publishing.target(
                message.exchangeId(),
                message.queue(),
                () -> resolver.resolve(
                        node.brokerId().orElse(null), sourceExchange(message), message.exchangeId(), message.queue()));
        Side side = publishing.publisher().publish(target, Envelope.of(message.id(), message.type(), message.body()));
        metrics.time(
                PUBLISH,
                PUBLISH_DESCRIPTION,
                Duration.ofNanos(System.nanoTime() - started),
                "side",
                side.name().toLowerCase());
    }

    /** This node's exchange; a node not in the model yet has no source restrictions to offer. */
    private long sourceExchange(OutboxMessage message) {
        try {
            return node.exchangeId();
        } catch (NodeNotReadyException e) {
            return message.exchangeId();
        }
    }
}
