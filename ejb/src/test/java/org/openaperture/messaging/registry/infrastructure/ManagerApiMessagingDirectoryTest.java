package org.openaperture.messaging.registry.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.registry.application.MessagingDirectory.BrokerRestriction;
import org.openaperture.messaging.registry.application.MessagingDirectory.DirectoryExchange;
import org.openaperture.messaging.registry.application.MessagingDirectoryException;
import org.openaperture.messaging.registry.domain.ConnectionOptions;

/** A worker node reads the model from the Manager's REST API with a module token and keeps it for the TTL. */
class ManagerApiMessagingDirectoryTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    HttpServer manager;
    final Map<String, String> answers = new ConcurrentHashMap<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    final ManualClock clock = new ManualClock();
    ManagerApiMessagingDirectory directory;

    @BeforeEach
    void startManager() throws IOException {
        manager = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        manager.createContext("/", exchange -> {
            requests.incrementAndGet();
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String body = answers.get(exchange.getRequestURI().getPath());
            byte[] bytes = (body == null ? "{\"detail\":\"not found\"}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        manager.start();
        directory = new ManagerApiMessagingDirectory(
                URI.create("http://127.0.0.1:" + manager.getAddress().getPort() + "/api"),
                "module-token",
                Duration.ofMinutes(5),
                clock);
        answers.put(
                "/api/messaging/exchanges/2",
                """
                {"id":2,"name":"US-EAST-1","failover_exchange_id":3,"parent_exchange_id":1,
                 "routing_key_fragment":"us-east-1","routing_key":"aws.us-east-1","root_exchange_name":"AWS"}""");
    }

    @AfterEach
    void stopManager() {
        manager.stop(0);
    }

    @Test
    @DisplayName("reads an exchange with its routing key and root, sending the module token")
    void readsExchange() {
        DirectoryExchange e = directory.exchange(2);

        assertEquals("US-EAST-1", e.name());
        assertEquals("aws.us-east-1.builder", e.route().routingKeyFor("builder"));
        assertEquals("AWS", e.route().rootExchangeName());
        assertEquals(3L, e.failoverExchangeId());
        assertEquals(List.of("Bearer module-token"), authorizations);
    }

    @Test
    @DisplayName("an answer is kept for the TTL and read again once it has expired")
    void cacheExpiry() {
        directory.exchange(2);
        clock.now = clock.now.plus(Duration.ofMinutes(4).plusSeconds(59));
        directory.exchange(2);
        assertEquals(1, requests.get(), "within 5 minutes the cached answer is used");

        answers.put(
                "/api/messaging/exchanges/2",
                answers.get("/api/messaging/exchanges/2").replace("US-EAST-1", "US-EAST-1b"));
        clock.now = clock.now.plusSeconds(1);

        assertEquals("US-EAST-1b", directory.exchange(2).name());
        assertEquals(2, requests.get());
    }

    @Test
    @DisplayName("an unknown exchange is an error naming it, and is not cached as empty")
    void unknownExchangeNotCached() {
        UnknownEntityException e = assertThrows(UnknownEntityException.class, () -> directory.exchange(42));
        assertEquals("MessagingExchange 42 was not found", e.getMessage());

        answers.put(
                "/api/messaging/exchanges/42",
                """
                {"id":42,"name":"EU-WEST-1","routing_key":"eu-west-1","root_exchange_name":"EU-WEST-1"}""");

        assertEquals("EU-WEST-1", directory.exchange(42).name(), "created meanwhile: seen at once");
        assertNull(directory.exchange(42).failoverExchangeId());
    }

    @Test
    @DisplayName("restrictions name their broker by messaging_broker_id")
    void restrictions() {
        answers.put(
                "/api/messaging/exchanges/2/brokers",
                """
                [{"id":1,"messaging_exchange_id":2,"messaging_broker_id":7}]""");

        assertEquals(List.of(new BrokerRestriction(1, 2, 7)), directory.restrictions(2));
    }

    @Test
    @DisplayName("reads a broker and its connections with their passwords")
    void brokerAndConnections() {
        answers.put("/api/messaging/brokers/7", """
                {"id":7,"name":"east","failover_broker_id":8}""");
        answers.put(
                "/api/messaging/brokers/7/connections",
                """
                [{"id":5,"messaging_broker_id":7,"username":"oa","password":"s3cret","host":"mq.east",
                  "port":5671,"virtual_host":"/oa"},
                 {"id":6,"messaging_broker_id":7,"username":"oa","password":"s3cret","host":"mq2.east",
                  "port":null,"virtual_host":"/"}]""");

        assertEquals(8L, directory.broker(7).failoverBrokerId());
        List<ConnectionOptions> connections = directory.connections(7);
        assertEquals(new ConnectionOptions(5, 7, "mq.east", 5671, "/oa", "oa", "s3cret"), connections.get(0));
        assertNull(connections.get(1).port());
    }

    @Test
    @DisplayName("a connection without password means the token is not a module token, and says so")
    void connectionWithoutPassword() {
        answers.put(
                "/api/messaging/brokers/7/connections",
                """
                [{"id":5,"messaging_broker_id":7,"username":"oa","host":"mq.east","virtual_host":"/"}]""");

        MessagingDirectoryException e = assertThrows(MessagingDirectoryException.class, () -> directory.connections(7));
        assertTrue(e.getMessage().contains("role module"), e.getMessage());
    }

    @Test
    @DisplayName("a Manager that does not answer is an error naming where the directory looked")
    void managerDown() {
        manager.stop(0);

        MessagingDirectoryException e = assertThrows(MessagingDirectoryException.class, () -> directory.exchange(2));
        assertTrue(e.getMessage().contains("/api/messaging/exchanges/2"), e.getMessage());
    }
}
