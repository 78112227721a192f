package org.openaperture.messaging.publish.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.publish.domain.NoRouteException;
import org.openaperture.messaging.registry.application.MessagingDirectory;
import org.openaperture.messaging.registry.domain.ConnectionOptions;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Route;

/** messaging.md §5.4: which broker connection a message goes through, with the restriction-id bug fixed. */
class ConnectionResolverTest {
    static final long AWS = 1;
    static final long US_EAST_1 = 2;
    static final long US_WEST_1 = 3;
    static final long US_WEST_2 = 4;
    static final long OWN_BROKER = 10;

    /** The seed's model in memory: US-EAST-1 and US-WEST-1 under AWS; US-WEST-2 fails over to US-WEST-1. */
    static final class MemoryDirectory implements MessagingDirectory {
        final Map<Long, DirectoryExchange> exchanges = new HashMap<>();
        final Map<Long, DirectoryBroker> brokers = new HashMap<>();
        final Map<Long, List<ConnectionOptions>> connections = new HashMap<>();
        final Map<Long, List<BrokerRestriction>> restrictions = new HashMap<>();
        long nextRestrictionId = 1;

        MemoryDirectory() {
            exchange(AWS, "AWS", "aws", null);
            exchange(US_EAST_1, "US-EAST-1", "aws.us-east-1", null);
            exchange(US_WEST_1, "US-WEST-1", "aws.us-west-1", null);
            exchange(US_WEST_2, "US-WEST-2", "aws.us-west-2", US_WEST_1);
        }

        void exchange(long id, String name, String key, Long failover) {
            exchanges.put(id, new DirectoryExchange(id, name, new Route(key, "AWS"), failover));
        }

        void broker(long id, Long failover, String... hosts) {
            brokers.put(id, new DirectoryBroker(id, "broker-" + id, failover));
            List<ConnectionOptions> list = new ArrayList<>();
            for (String host : hosts) {
                list.add(new ConnectionOptions(id * 100 + list.size(), id, host, 5672, "/", "oa", "secret-" + host));
            }
            connections.put(id, list);
        }

        void restrict(long exchangeId, long brokerId) {
            restrictions
                    .computeIfAbsent(exchangeId, x -> new ArrayList<>())
                    .add(new BrokerRestriction(nextRestrictionId++, exchangeId, brokerId));
        }

        @Override
        public List<DirectoryExchange> exchanges() {
            return List.copyOf(exchanges.values());
        }

        @Override
        public DirectoryExchange exchange(long id) {
            DirectoryExchange e = exchanges.get(id);
            if (e == null) {
                throw new UnknownEntityException("MessagingExchange", id);
            }
            return e;
        }

        @Override
        public DirectoryBroker broker(long id) {
            DirectoryBroker b = brokers.get(id);
            if (b == null) {
                throw new UnknownEntityException("MessagingBroker", id);
            }
            return b;
        }

        @Override
        public List<ConnectionOptions> connections(long brokerId) {
            broker(brokerId);
            return connections.getOrDefault(brokerId, List.of());
        }

        @Override
        public List<BrokerRestriction> restrictions(long exchangeId) {
            exchange(exchangeId);
            return restrictions.getOrDefault(exchangeId, List.of());
        }
    }

    /** Always picks the same index, so "random" choices are predictable. */
    static Random picking(int index) {
        return new Random() {
            @Override
            public int nextInt(int bound) {
                return Math.min(index, bound - 1);
            }
        };
    }

    final MemoryDirectory model = new MemoryDirectory();

    @Test
    @DisplayName("a destination exchange's restriction wins over the source's and the node's own broker")
    void destinationRestriction() {
        model.broker(OWN_BROKER, null, "own");
        model.broker(20, null, "west");
        model.broker(30, null, "east");
        model.restrict(US_WEST_1, 20);
        model.restrict(US_EAST_1, 30);

        PublishTarget target =
                new ConnectionResolver(model, picking(0)).resolve(OWN_BROKER, US_EAST_1, US_WEST_1, "builder");

        assertEquals("west", target.connection().host());
        assertEquals("AWS", target.rootExchangeName());
        assertEquals("aws.us-west-1.builder", target.routingKey());
    }

    @Test
    @DisplayName("a restriction names its broker by messaging_broker_id, not by the restriction row's id")
    void restrictionUsesTheBrokerIdNotTheRowId() {
        model.broker(1, null, "broker-one-whose-id-equals-the-row-id");
        model.broker(20, null, "west");
        model.restrict(US_WEST_1, 20); // restriction row 1

        PublishTarget target =
                new ConnectionResolver(model, picking(0)).resolve(OWN_BROKER, US_EAST_1, US_WEST_1, "builder");

        assertEquals(20, target.connection().brokerId());
    }

    @Test
    @DisplayName("without destination restrictions the source exchange's restriction is used")
    void sourceRestriction() {
        model.broker(OWN_BROKER, null, "own");
        model.broker(30, null, "east");
        model.restrict(US_EAST_1, 30);

        PublishTarget target =
                new ConnectionResolver(model, picking(0)).resolve(OWN_BROKER, US_EAST_1, US_WEST_1, "builder");

        assertEquals("east", target.connection().host());
    }

    @Test
    @DisplayName("without any restriction the node's own broker is used")
    void ownBroker() {
        model.broker(OWN_BROKER, null, "own");

        PublishTarget target =
                new ConnectionResolver(model, picking(0)).resolve(OWN_BROKER, US_EAST_1, US_WEST_1, "deployer");

        assertEquals("own", target.connection().host());
        assertEquals("aws.us-west-1.deployer", target.routingKey());
        assertNull(target.failoverConnection());
        assertEquals("aws.us-west-1.deployer", target.failoverRoutingKey(), "no failover exchange: the same one");
    }

    @Test
    @DisplayName("one of the chosen broker's connections is picked at random")
    void randomConnection() {
        model.broker(OWN_BROKER, null, "a", "b", "c");

        assertEquals(
                "a",
                new ConnectionResolver(model, picking(0))
                        .resolve(OWN_BROKER, US_EAST_1, US_EAST_1, "x")
                        .connection()
                        .host());
        assertEquals(
                "c",
                new ConnectionResolver(model, picking(2))
                        .resolve(OWN_BROKER, US_EAST_1, US_EAST_1, "x")
                        .connection()
                        .host());
    }

    @Test
    @DisplayName("the failover broker's connection and the failover exchange's root and key are attached")
    void failoverAttached() {
        model.broker(OWN_BROKER, 11L, "primary");
        model.broker(11, null, "standby");

        PublishTarget target =
                new ConnectionResolver(model, picking(0)).resolve(OWN_BROKER, US_EAST_1, US_WEST_2, "builder");

        assertEquals("primary", target.connection().host());
        assertEquals("standby", target.failover().orElseThrow().host());
        assertEquals("aws.us-west-2.builder", target.routingKey());
        assertEquals("AWS", target.failoverRootExchangeName());
        assertEquals("aws.us-west-1.builder", target.failoverRoutingKey());
    }

    @Test
    @DisplayName("a failover broker without connections leaves the message without failover, not unsendable")
    void failoverBrokerWithoutConnections() {
        model.broker(OWN_BROKER, 11L, "primary");
        model.broker(11, null);

        PublishTarget target =
                new ConnectionResolver(model, picking(0)).resolve(OWN_BROKER, US_EAST_1, US_WEST_1, "builder");

        assertTrue(target.failover().isEmpty());
    }

    @Test
    @DisplayName("a chosen broker without connections is an error naming the broker")
    void noConnections() {
        model.broker(3, null);
        model.restrict(US_WEST_1, 3);

        NoRouteException e = assertThrows(NoRouteException.class, () -> new ConnectionResolver(model, picking(0))
                .resolve(OWN_BROKER, US_EAST_1, US_WEST_1, "builder"));

        assertTrue(e.getMessage().startsWith("broker 3 has no connections"), e.getMessage());
        assertTrue(e.getMessage().contains("US-WEST-1"), e.getMessage());
    }

    @Test
    @DisplayName("no restriction and no broker of its own: the node's default connection, without failover")
    void noBrokerAtAll() {
        PublishTarget target = new ConnectionResolver(model, picking(0)).resolve(null, US_EAST_1, US_WEST_1, "builder");

        assertNull(target.connection());
        assertTrue(target.failover().isEmpty());
        assertEquals("AWS", target.rootExchangeName());
        assertEquals("aws.us-west-1.builder", target.routingKey());
    }

    @Test
    @DisplayName("an unknown destination exchange is an error naming it")
    void unknownExchange() {
        UnknownEntityException e =
                assertThrows(UnknownEntityException.class, () -> new ConnectionResolver(model, picking(0))
                        .resolve(OWN_BROKER, US_EAST_1, 99, "builder"));

        assertEquals("MessagingExchange 99 was not found", e.getMessage());
    }

    @Test
    @DisplayName("a publish target shows where it goes but never a password")
    void noPasswordInToString() {
        model.broker(OWN_BROKER, 11L, "primary");
        model.broker(11, null, "standby");

        String shown = new ConnectionResolver(model, picking(0))
                .resolve(OWN_BROKER, US_EAST_1, US_WEST_1, "builder")
                .toString();

        assertTrue(shown.contains("primary") && shown.contains("standby"), shown);
        assertFalse(shown.contains("secret"), shown);
    }
}
