package org.openaperture.jms.amqp.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.jms.JmsQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Connection settings")
class ConnectionSettingsTest {

    private final ConnectionSettings settings =
            new ConnectionSettings("amqp://127.0.0.1:5672", "app", "s3cret", 1_000, 2_000, 3_000);

    @Test
    @DisplayName("every Qpid factory gets timeouts and receiveLocalOnly, so nothing hangs or drains")
    void factoriesNeverHang() {
        JmsConnectionFactory factory = settings.newConnectionFactory(7, Set.of("/amq/queue/q_error"));
        assertEquals(1_000, factory.getConnectTimeout());
        assertEquals(2_000, factory.getSendTimeout());
        assertEquals(3_000, factory.getRequestTimeout());
        assertEquals(3_000, factory.getCloseTimeout());
        assertTrue(factory.isReceiveLocalOnly());
        assertFalse(factory.isValidatePropertyNames(), "AMQP property names such as trace-id pass unchanged");
        assertEquals(
                7, factory.getPrefetchPolicy().getConfiguredPrefetch(null, new JmsQueue("/amq/queue/q"), false, false));
        assertEquals(
                0,
                factory.getPrefetchPolicy()
                        .getConfiguredPrefetch(null, new JmsQueue("/amq/queue/q_error"), false, false),
                "a probe takes no message");
        assertThrows(IllegalArgumentException.class, () -> settings.newConnectionFactory(0));
    }

    @Test
    @DisplayName("the password appears in no string meant for a log")
    void noSecretsInLogs() {
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
        ConnectionSettings url =
                new ConnectionSettings("amqp://u:pw@host:5672?jms.password=pw2&amqp.idleTimeout=5", "u", "pw", 1, 1, 1);
        assertEquals("amqp://***@host:5672?jms.password=***&amqp.idleTimeout=5", url.safeUrl());
    }

    @Test
    @DisplayName("a URL for a lasting string loses its query and user info, where a password may hide")
    void withoutQueryOrUserInfo() {
        assertEquals(
                "amqp://host:5672",
                ConnectionSettings.withoutQueryOrUserInfo("amqp://u:pw@host:5672?jms.password=pw2&x=1"));
        assertEquals("amqps://host", ConnectionSettings.withoutQueryOrUserInfo("amqps://host?jms.username=u"));
        assertEquals(
                "failover:(amqp://h1:5672,amqp://h2:5672)",
                ConnectionSettings.withoutQueryOrUserInfo(
                        "failover:(amqp://u:p@h1:5672,amqp://h2:5672)?failover.nested.jms.password=pw"));
        assertEquals(
                "failover:(amqp://h1)",
                ConnectionSettings.withoutQueryOrUserInfo(
                        "failover:(amqp://h1?jms.password=a,amqp://h2?jms.password=b)"),
                "safe over complete");
        assertEquals("amqp://host:5672", ConnectionSettings.withoutQueryOrUserInfo("amqp://host:5672"));
        assertEquals(null, ConnectionSettings.withoutQueryOrUserInfo(null));
    }

    @Test
    @DisplayName("rejects an empty URL and non-positive timeouts, naming the property")
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionSettings(" ", "u", "p", 1, 1, 1));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new ConnectionSettings("amqp://h", "u", "p", 1, 0, 1));
        assertTrue(e.getMessage().contains("SendTimeout"), e.getMessage());
    }
}
