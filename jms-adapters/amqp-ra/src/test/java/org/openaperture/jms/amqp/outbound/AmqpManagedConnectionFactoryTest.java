package org.openaperture.jms.amqp.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import java.util.Set;
import javax.security.auth.Subject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.jms.amqp.AmqpResourceAdapter;
import org.openaperture.jms.amqp.settings.ConnectionSettings;

@DisplayName("Pooled connections: which request gets which connection")
class AmqpManagedConnectionFactoryTest {

    private static final String OTHER_BROKER = "amqp://broker-2:5672";

    private final AmqpResourceAdapter adapter = new AmqpResourceAdapter();
    private final AmqpManagedConnectionFactory mcf = new AmqpManagedConnectionFactory();

    AmqpManagedConnectionFactoryTest() {
        adapter.setConnectionUrl("amqp://broker-1:5672");
        adapter.setUserName("app");
        adapter.setPassword("secret");
        mcf.setResourceAdapter(adapter);
        mcf.setSendTimeout(2_000L);
    }

    @Test
    @DisplayName("a connection to a broker is lent again only for the same URL, user and password")
    void matchesOnUrlUserAndPassword() throws Exception {
        ManagedConnection toOther = managed(request(OTHER_BROKER, "app", "secret"));

        assertSame(toOther, match(toOther, request(OTHER_BROKER, "app", "secret")));
        assertNull(match(toOther, request("amqp://broker-3:5672", "app", "secret")), "another broker");
        assertNull(match(toOther, request(OTHER_BROKER, "other", "secret")), "another user");
        assertNull(match(toOther, request(OTHER_BROKER, "app", "changed")), "another password");
        assertNull(match(toOther, null), "createConnection(): the factory's own broker");
        assertNull(match(toOther, new AmqpConnectionRequestInfo(null, "app", "secret")), "the factory's broker");
    }

    @Test
    @DisplayName("createConnection() and createConnection(user, password) keep matching as before")
    void factoryBrokerMatchesAsBefore() throws Exception {
        ManagedConnection plain = managed(null);
        ManagedConnection withCredentials = managed(new AmqpConnectionRequestInfo(null, "other", "pw"));

        assertSame(plain, match(plain, null));
        assertSame(withCredentials, match(withCredentials, new AmqpConnectionRequestInfo(null, "other", "pw")));
        assertNull(match(withCredentials, null));
        assertNull(match(plain, new AmqpConnectionRequestInfo(null, "other", "pw")));
    }

    @Test
    @DisplayName("a connection of another factory configuration is never matched")
    void otherFactoryNeverMatches() throws Exception {
        ManagedConnection toOther = managed(request(OTHER_BROKER, "app", "secret"));
        AmqpManagedConnectionFactory other = new AmqpManagedConnectionFactory();
        other.setResourceAdapter(adapter);
        other.setSendTimeout(9_000L);

        assertNull(
                other.matchManagedConnections(Set.of(toOther), (Subject) null, request(OTHER_BROKER, "app", "secret")));
    }

    @Test
    @DisplayName("a request for another broker gets that URL and credentials with the factory's timeouts")
    void requestedBrokerWithFactoryTimeouts() throws Exception {
        ConnectionSettings settings = mcf.settings(request(OTHER_BROKER + "?jms.sendTimeout=1", "u", "p"));

        assertEquals(OTHER_BROKER + "?jms.sendTimeout=1", settings.url());
        assertEquals("u", settings.userName());
        assertEquals("p", settings.password());
        assertEquals(2_000, settings.sendTimeoutMs());
        assertEquals(10_000, settings.connectTimeoutMs());
        assertEquals(10_000, settings.requestTimeoutMs());
        assertEquals(2_000, settings.newConnectionFactory().getSendTimeout(), "a timeout in the URL does not win");

        ConnectionSettings own = mcf.settings(new AmqpConnectionRequestInfo(null, "u", "p"));
        assertEquals("amqp://broker-1:5672", own.url());
        assertEquals("u", own.userName());
    }

    @Test
    @DisplayName("the password is in no string form of a request, nor the URL's user info or query")
    void noPasswordInToString() {
        String text = request("amqp://u:pw1@broker-2:5672?jms.password=pw2", "app", "s3cret")
                .toString();

        assertFalse(text.contains("s3cret") || text.contains("pw1") || text.contains("pw2"), text);
        assertTrue(text.contains("amqp://broker-2:5672") && text.contains("app"), text);
    }

    @Test
    @DisplayName("createConnection(url, user, password) refuses an empty URL before asking the pool")
    void emptyUrlIsRefused() {
        BrokerConnectionFactory factory = (BrokerConnectionFactory) mcf.createConnectionFactory(refusingPool());

        JMSException e = assertThrows(JMSException.class, () -> factory.createConnection(" ", "app", "secret"));
        assertTrue(e.getMessage().contains("connection URL"), e.getMessage());
        assertThrows(JMSException.class, () -> factory.createConnection(null, "app", "secret"));
    }

    private ManagedConnection managed(ConnectionRequestInfo requestInfo) throws Exception {
        return mcf.createManagedConnection(null, requestInfo); // connects only when a handle is asked for
    }

    private ManagedConnection match(ManagedConnection candidate, ConnectionRequestInfo requestInfo) {
        return mcf.matchManagedConnections(Set.of(candidate), (Subject) null, requestInfo);
    }

    private static AmqpConnectionRequestInfo request(String url, String user, String password) {
        return new AmqpConnectionRequestInfo(url, user, password);
    }

    private static ConnectionManager refusingPool() {
        return (factory, info) -> {
            throw new AssertionError("the pool must not be asked");
        };
    }
}
