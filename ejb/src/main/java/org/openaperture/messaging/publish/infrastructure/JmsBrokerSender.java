package org.openaperture.messaging.publish.infrastructure;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.openaperture.jms.amqp.outbound.BrokerConnectionFactory;
import org.openaperture.jms.amqp.settings.AddressDialect;
import org.openaperture.messaging.publish.application.BrokerSender;
import org.openaperture.messaging.publish.domain.BrokerUnavailableException;
import org.openaperture.messaging.publish.domain.Envelope;
import org.openaperture.messaging.publish.domain.NoRouteException;
import org.openaperture.messaging.registry.domain.ConnectionOptions;

/**
 * Sends through the resource adapter's pooled connection factory: to the broker connection the message was
 * resolved to (the adapter pools a connection per URL and user), or through the factory's own connection
 * for the node's default. The address is the broker dialect's exchange address ({@code /exchange/<root>/<key>}
 * on RabbitMQ 3.x); the send is synchronous and persistent, so it returns once the broker confirmed it, within
 * the adapter's send timeout.
 *
 * <p>Not getting a connection, or losing it, is a {@link BrokerUnavailableException} (worth a retry and a
 * failover); an address the broker refuses is a {@link NoRouteException} naming exchange and key.
 *
 * <p>Opening a session and a link for every message costs round trips; a relay that sends many messages
 * opens a {@link #batch(Channels)}: until it is closed, sends on that thread reuse one pooled connection,
 * session and producer per broker connection and address, kept in {@link Channels} from one batch to the next.
 * A send that fails closes its connection's entry, so a broken connection is never used twice.
 */
public final class JmsBrokerSender implements BrokerSender {
    private static final int PRODUCERS_PER_SESSION = 64;

    private final Supplier<ConnectionFactory> factory;
    private final AddressDialect dialect;
    private final ThreadLocal<Map<String, Channel>> batch = new ThreadLocal<>();

    /** A connection with one session and its producers by address, kept for a batch. */
    private static final class Channel implements AutoCloseable {
        final Connection connection;
        final Session session;
        final Map<String, MessageProducer> producers = new HashMap<>();

        Channel(Connection connection) throws JMSException {
            this.connection = connection;
            try {
                this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            } catch (JMSException | RuntimeException e) {
                close(); // back to the pool, which learns from the connection whether it is broken
                throw e;
            }
        }

        MessageProducer producer(String address) throws JMSException {
            MessageProducer producer = producers.get(address);
            if (producer == null) {
                if (producers.size() >= PRODUCERS_PER_SESSION) {
                    for (MessageProducer old : producers.values()) {
                        old.close();
                    }
                    producers.clear();
                }
                producer = session.createProducer(session.createQueue(address));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                producers.put(address, producer);
            }
            return producer;
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                // The connection goes back to the pool or was broken anyway.
            }
        }
    }

    /** A batch of sends on one thread; closing it ends the batch. */
    public interface Batch extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Connections, sessions and producers kept from one batch to the next (a relay that runs pass after pass):
     * each pass saves the round trips of opening them. Used by one batch at a time; a channel whose send failed
     * is closed and opened again at the next send. {@link #close()} closes them all.
     */
    public static final class Channels implements AutoCloseable {
        private final Map<String, Channel> open = new HashMap<>();

        @Override
        public void close() {
            open.values().forEach(Channel::close);
            open.clear();
        }
    }

    /** Sends on this thread use {@code kept} until the batch is closed, which leaves them open for the next one. */
    public Batch batch(Channels kept) {
        if (batch.get() != null) {
            return () -> {};
        }
        batch.set(kept.open);
        return batch::remove;
    }

    public JmsBrokerSender(Supplier<ConnectionFactory> factory, AddressDialect dialect) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    @Override
    public void send(ConnectionOptions connection, String rootExchange, String routingKey, Envelope message) {
        String where = "exchange " + rootExchange + " with key " + routingKey + " through "
                + (connection == null ? "the node's default connection" : connection);
        Map<String, Channel> channels = batch.get();
        if (channels != null) {
            sendInBatch(channels, connection, rootExchange, routingKey, message, where);
            return;
        }
        Connection opened;
        try {
            opened = open(connection);
        } catch (JMSException | RuntimeException e) {
            throw new BrokerUnavailableException("cannot connect to send to " + where + ": " + reason(e), e);
        }
        try (Connection open = opened) {
            Session session = open.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer =
                    session.createProducer(session.createQueue(dialect.exchangeTarget(rootExchange, routingKey)));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(MessageBodies.toMessage(session, message));
        } catch (InvalidDestinationException e) {
            throw new NoRouteException("the broker refused " + where + ": " + reason(e)
                    + "; does the exchange exist (GET /messaging/topology/drift)?");
        } catch (JMSException | RuntimeException e) {
            throw new BrokerUnavailableException("cannot send to " + where + ": " + reason(e), e);
        }
    }

    /**
     * Within a {@link #batch}: sends on the batch's channel with a completion listener and returns at once; the
     * stage completes when the broker confirmed the message. Outside a batch: {@link #send}, then a completed
     * stage.
     */
    @Override
    public CompletionStage<Void> sendAsync(
            ConnectionOptions connection, String rootExchange, String routingKey, Envelope message) {
        Map<String, Channel> channels = batch.get();
        if (channels == null) {
            return BrokerSender.super.sendAsync(connection, rootExchange, routingKey, message);
        }
        String where = "exchange " + rootExchange + " with key " + routingKey + " through "
                + (connection == null ? "the node's default connection" : connection);
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        try {
            Channel channel = channel(channels, connection, where);
            channel.producer(dialect.exchangeTarget(rootExchange, routingKey))
                    .send(MessageBodies.toMessage(channel.session, message), new CompletionListener() {
                        @Override
                        public void onCompletion(jakarta.jms.Message sent) {
                            confirmed.complete(null);
                        }

                        @Override
                        public void onException(jakarta.jms.Message sent, Exception e) {
                            confirmed.completeExceptionally(refusal(e, where));
                        }
                    });
        } catch (JMSException | RuntimeException e) {
            dropChannel(channels, connection);
            confirmed.completeExceptionally(
                    e instanceof BrokerUnavailableException || e instanceof NoRouteException ? e : refusal(e, where));
        }
        return confirmed;
    }

    private Channel channel(Map<String, Channel> channels, ConnectionOptions connection, String where) {
        String key = channelKey(connection);
        Channel channel = channels.get(key);
        if (channel == null) {
            try {
                channel = new Channel(open(connection));
            } catch (JMSException | RuntimeException e) {
                throw new BrokerUnavailableException("cannot connect to send to " + where + ": " + reason(e), e);
            }
            channels.put(key, channel);
        }
        return channel;
    }

    private void dropChannel(Map<String, Channel> channels, ConnectionOptions connection) {
        Channel channel = channels.remove(channelKey(connection));
        if (channel != null) {
            channel.close();
        }
    }

    private static String channelKey(ConnectionOptions connection) {
        return connection == null ? "" : url(connection) + " " + connection.username();
    }

    private static RuntimeException refusal(Exception e, String where) {
        if (e instanceof InvalidDestinationException) {
            return new NoRouteException("the broker refused " + where + ": " + reason(e)
                    + "; does the exchange exist (GET /messaging/topology/drift)?");
        }
        return new BrokerUnavailableException("cannot send to " + where + ": " + reason(e), e);
    }

    private void sendInBatch(
            Map<String, Channel> channels,
            ConnectionOptions connection,
            String rootExchange,
            String routingKey,
            Envelope message,
            String where) {
        Channel channel = channel(channels, connection, where);
        try {
            channel.producer(dialect.exchangeTarget(rootExchange, routingKey))
                    .send(MessageBodies.toMessage(channel.session, message));
        } catch (JMSException | RuntimeException e) {
            dropChannel(channels, connection);
            throw refusal(e, where);
        }
    }

    private Connection open(ConnectionOptions connection) throws JMSException {
        ConnectionFactory connections = factory.get();
        if (connection == null) {
            return connections.createConnection();
        }
        if (!(connections instanceof BrokerConnectionFactory brokers)) {
            throw new IllegalStateException(
                    "the connection factory is not the AMQP resource adapter's, so it" + " cannot reach " + connection);
        }
        return brokers.createConnection(url(connection), connection.username(), connection.password());
    }

    /**
     * The Qpid URL of a broker connection: {@code amqp://host:port}, with RabbitMQ's virtual host (other
     * than {@code /}) chosen through the AMQP open frame's hostname ({@code vhost:<name>}).
     */
    static String url(ConnectionOptions connection) {
        String url = "amqp://" + connection.host() + ":" + (connection.port() == null ? 5672 : connection.port());
        String vhost = connection.virtualHost();
        if (vhost == null || vhost.equals("/")) {
            return url;
        }
        return url + "?amqp.vhost=" + URLEncoder.encode("vhost:" + vhost, StandardCharsets.UTF_8);
    }

    private static String reason(Exception e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = e.getMessage();
        return innermost == e || innermost.getMessage() == null
                ? message
                : message + " (" + innermost.getMessage() + ")";
    }
}
