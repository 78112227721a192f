package org.openaperture.jms.amqp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.jms.amqp.AmqpResourceAdapter;
import org.openaperture.jms.amqp.outbound.AmqpManagedConnectionFactory;
import org.openaperture.jms.amqp.outbound.BrokerConnectionFactory;

@DisplayName("Outbound connections against RabbitMQ")
class OutboundConnectionIT {

    private final Rabbit rabbit = new Rabbit();
    private final AmqpResourceAdapter adapter = new AmqpResourceAdapter();
    private final AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();
    private final PoolOfOne pool = new PoolOfOne();

    @BeforeEach
    void configure() {
        // The factory sets nothing itself: it must fall back to the adapter's values.
        adapter.setConnectionUrl(Rabbit.URL);
        adapter.setUserName(Rabbit.USER);
        adapter.setPassword(Rabbit.PASSWORD);
        mcf.setResourceAdapter(adapter);
    }

    @AfterEach
    void cleanUp() throws Exception {
        pool.destroyAll();
        rabbit.deleteCreatedQueues();
    }

    @Test
    @DisplayName("sends through pooled handles; closing a handle returns the physical connection to the pool")
    void sendsThroughPooledHandles() throws Exception {
        String queue = Rabbit.uniqueQueueName("outbound");
        rabbit.declare(queue);
        ConnectionFactory factory = (ConnectionFactory) mcf.createConnectionFactory(pool);

        Connection first = factory.createConnection();
        send(first, queue, "one");
        first.close();
        assertEquals(1, pool.closedEvents.size(), "CONNECTION_CLOSED fired");
        assertThrows(IllegalStateException.class, first::createSession, "a closed handle is unusable");

        Connection second = factory.createConnection();
        send(second, queue, "two");
        assertEquals(1, pool.created, "the second handle reused the open physical connection");
        assertThrows(IllegalStateException.class, () -> second.setClientID("mine"));
        assertThrows(IllegalStateException.class, () -> second.setExceptionListener(e -> {}));
        second.close();

        List<Message> received = Rabbit.receive("/amq/queue/" + queue, 2, Duration.ofSeconds(10));
        assertEquals(
                List.of("one", "two"),
                received.stream().map(InboundDeliveryIT::text).toList());
        assertEquals(0, pool.errorEvents.size());
    }

    @Test
    @DisplayName("createConnection(user, password) gets its own pooled connection")
    void credentialsSelectTheirOwnConnection() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) mcf.createConnectionFactory(pool);
        factory.createConnection().close();
        try (Connection other = factory.createConnection(Rabbit.USER, Rabbit.PASSWORD)) {
            other.createSession().close();
        }
        assertEquals(2, pool.created);
    }

    @Test
    @DisplayName("createConnection(url, user, password) lends pooled connections to the broker asked for, with the"
            + " factory's timeouts and no password in any message")
    void connectsToTheBrokerAskedFor() throws Exception {
        String queue = Rabbit.uniqueQueueName("outbound-broker");
        rabbit.declare(queue);
        mcf.setConnectionUrl("amqp://127.0.0.1:1"); // nothing listens: only the requested URL can work
        mcf.setConnectTimeout(1_000L);
        BrokerConnectionFactory factory = (BrokerConnectionFactory) mcf.createConnectionFactory(pool);

        try (Connection connection = factory.createConnection(Rabbit.URL, Rabbit.USER, Rabbit.PASSWORD)) {
            send(connection, queue, "one");
        }
        try (Connection connection = factory.createConnection(Rabbit.URL, Rabbit.USER, Rabbit.PASSWORD)) {
            send(connection, queue, "two");
        }
        assertEquals(1, pool.created, "the same URL, user and password reuse the pooled connection");

        JMSException refused = assertThrows(
                JMSException.class, () -> factory.createConnection(Rabbit.URL, Rabbit.USER, "wrong-s3cret"));
        assertFalse(refused.getMessage().contains("wrong-s3cret"), refused.getMessage());
        assertEquals(2, pool.created, "another password is another connection");

        // Accepts TCP connections and never answers: the factory's connect timeout applies to any URL.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            assertThrows(
                    JMSException.class,
                    () -> factory.createConnection(
                            "amqp://127.0.0.1:" + silent.getLocalPort() + "?jms.connectTimeout=600000",
                            Rabbit.USER,
                            Rabbit.PASSWORD));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("a connection to a silent broker failed after %d ms%n", elapsedMs);
            assertTrue(elapsedMs < 5_000, "failed after " + elapsedMs + " ms");
        }

        List<Message> received = Rabbit.receive("/amq/queue/" + queue, 2, Duration.ofSeconds(10));
        assertEquals(
                List.of("one", "two"),
                received.stream().map(InboundDeliveryIT::text).toList());
    }

    /*
     * RabbitMQ 3.10 refuses nothing when the target is /amq/queue/<missing>: it routes through the default
     * exchange and drops the message (measured). A missing exchange is what makes it hang without timeouts.
     */
    @Test
    @DisplayName("a send to an exchange that does not exist fails within the timeouts instead of hanging")
    void missingExchangeFailsFast() throws Exception {
        mcf.setSendTimeout(2_000L);
        mcf.setRequestTimeout(2_000L);
        ConnectionFactory factory = (ConnectionFactory) mcf.createConnectionFactory(pool);
        long start = System.nanoTime();
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            String address = "/exchange/ra-it-missing-" + System.nanoTime() + "/key";
            assertThrows(JMSException.class, () -> session.createProducer(session.createQueue(address))
                    .send(session.createTextMessage("lost")));
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("send to a missing exchange failed after %d ms%n", elapsedMs);
        assertTrue(elapsedMs < 6_000, "failed after " + elapsedMs + " ms");
    }

    /*
     * The sockets are reset rather than closed with rabbitmqctl close_all_connections: on RabbitMQ 3.10 that
     * command does not reach a connection whose sessions were all opened and closed in turn (see the README).
     */
    @Test
    @DisplayName("a physical connection the broker drops is reported to the pool, marked invalid, and replaced"
            + " on next use")
    void brokenConnectionIsReplaced() throws Exception {
        String queue = Rabbit.uniqueQueueName("outbound-broken");
        rabbit.declare(queue);
        ConnectionFactory factory = (ConnectionFactory) mcf.createConnectionFactory(pool);
        try (Connection connection = factory.createConnection()) {
            send(connection, queue, "before");
            ManagedConnection managed = pool.all.get(0);
            assertEquals(Set.of(), mcf.getInvalidConnections(Set.of(managed)), "valid while connected");

            Rabbit.resetClientSockets();
            assertTrue(ReconnectIT.await(() -> !pool.errorEvents.isEmpty(), Duration.ofSeconds(10)));
            assertEquals(
                    Set.of(managed),
                    mcf.getInvalidConnections(Set.of(managed)),
                    "a validating pool learns that it is broken");
        }
        // A pool that lends the managed connection again anyway gets a working one, not the dead one.
        try (Connection again = factory.createConnection()) {
            assertEquals(1, pool.created, "the same managed connection");
            send(again, queue, "after");
            assertEquals(Set.of(), mcf.getInvalidConnections(Set.copyOf(pool.all)), "valid again");
        }
        List<Message> received = Rabbit.receive("/amq/queue/" + queue, 2, Duration.ofSeconds(10));
        assertEquals(
                List.of("before", "after"),
                received.stream().map(InboundDeliveryIT::text).toList());
    }

    @Test
    @DisplayName("a transacted session is refused at once instead of hanging until the request timeout")
    void transactedSessionsAreRefused() throws Exception {
        ConnectionFactory factory = (ConnectionFactory) mcf.createConnectionFactory(pool);
        try (Connection connection = factory.createConnection()) {
            long start = System.nanoTime();
            JMSException e =
                    assertThrows(JMSException.class, () -> connection.createSession(true, Session.SESSION_TRANSACTED));
            assertTrue(e.getMessage().contains("no transactions"), e.getMessage());
            assertThrows(JMSException.class, () -> connection.createSession(true, Session.AUTO_ACKNOWLEDGE));
            assertThrows(JMSException.class, () -> connection.createSession(false, Session.SESSION_TRANSACTED));
            assertThrows(JMSException.class, () -> connection.createSession(Session.SESSION_TRANSACTED));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1_000, "refused at once");
            connection.createSession(Session.CLIENT_ACKNOWLEDGE).close(); // the connection is still usable
        }
    }

    @Test
    @DisplayName("JMSContext is not offered, and says what to use instead")
    void noContext() {
        ConnectionFactory factory = (ConnectionFactory) mcf.createConnectionFactory(pool);
        JMSRuntimeException e = assertThrows(JMSRuntimeException.class, factory::createContext);
        assertTrue(e.getMessage().contains("createConnection"), e.getMessage());
    }

    private static void send(Connection connection, String queue, String body) throws JMSException {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("/amq/queue/" + queue));
        TextMessage message = session.createTextMessage(body);
        producer.send(message);
    }

    /** The smallest pool a server could have: one idle managed connection, matched before creating another. */
    private static final class PoolOfOne implements ConnectionManager, ConnectionEventListener {
        private static final long serialVersionUID = 1L;

        final List<ConnectionEvent> closedEvents = new CopyOnWriteArrayList<>();
        final List<ConnectionEvent> errorEvents = new CopyOnWriteArrayList<>();
        final List<ManagedConnection> all = new CopyOnWriteArrayList<>();
        private ManagedConnection idle;
        int created;

        @Override
        public synchronized Object allocateConnection(
                ManagedConnectionFactory factory, ConnectionRequestInfo requestInfo) throws ResourceException {
            ManagedConnection connection =
                    idle == null ? null : factory.matchManagedConnections(Set.of(idle), (Subject) null, requestInfo);
            if (connection == null) {
                connection = factory.createManagedConnection(null, requestInfo);
                connection.addConnectionEventListener(this);
                all.add(connection);
                created++;
            } else {
                idle = null;
            }
            return connection.getConnection(null, requestInfo);
        }

        @Override
        public synchronized void connectionClosed(ConnectionEvent event) {
            closedEvents.add(event);
            ManagedConnection connection = (ManagedConnection) event.getSource();
            try {
                connection.cleanup();
            } catch (ResourceException e) {
                throw new java.lang.IllegalStateException(e);
            }
            idle = connection;
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            errorEvents.add(event);
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {}

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {}

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {}

        void destroyAll() throws ResourceException {
            for (ManagedConnection connection : all) {
                connection.destroy();
            }
        }
    }
}
