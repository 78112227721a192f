package org.openaperture.messaging.outbox.infrastructure;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.openaperture.common.domain.NodeNotReadyException;
import org.openaperture.common.infrastructure.AppMetrics;
import org.openaperture.messaging.outbox.application.OutboxRelayRun;
import org.openaperture.messaging.outbox.domain.OutboxMessage;
import org.openaperture.messaging.publish.application.ConnectionResolver;
import org.openaperture.messaging.publish.application.FailoverPublisher.Side;
import org.openaperture.messaging.publish.application.PublishTarget;
import org.openaperture.messaging.publish.domain.Envelope;
import org.openaperture.messaging.publish.infrastructure.Publishing;
import org.openaperture.messaging.registry.application.NodeIdentity;

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
        Side side = publishing.publisher().publish(target(message), envelope(message));
        timed(started, side);
    }

    /** Straight to the broker without waiting, unless the broker is failed over (then the relay calls send). */
    @Override
    public Optional<CompletionStage<Void>> start(OutboxMessage message) {
        long started = System.nanoTime();
        PublishTarget target;
        try {
            target = target(message);
        } catch (RuntimeException e) {
            return Optional.of(CompletableFuture.failedFuture(e));
        }
        return publishing
                .publisher()
                .publishAsync(target, envelope(message))
                .map(sending -> sending.thenAccept(side -> timed(started, side)));
    }

    private PublishTarget target(OutboxMessage message) {
        return publishing.target(
                message.exchangeId(),
                message.queue(),
                () -> resolver.resolve(
                        node.brokerId().orElse(null), sourceExchange(message), message.exchangeId(), message.queue()));
    }

    private static Envelope envelope(OutboxMessage message) {
        return Envelope.of(message.id(), message.type(), message.body());
    }

    private void timed(long started, Side side) {
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
