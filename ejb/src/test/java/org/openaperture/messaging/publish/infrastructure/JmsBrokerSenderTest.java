package org.openaperture.messaging.publish.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.messaging.registry.domain.ConnectionOptions;

/** How a broker connection of the model becomes the URL the adapter pools connections by. */
class JmsBrokerSenderTest {

    @Test
    @DisplayName("host and port, AMQP's 5672 when the connection has none")
    void hostAndPort() {
        assertEquals(
                "amqp://rabbit.example.com:5673",
                JmsBrokerSender.url(new ConnectionOptions(1, 1, "rabbit.example.com", 5673, "/", "u", "p")));
        assertEquals(
                "amqp://rabbit.example.com:5672",
                JmsBrokerSender.url(new ConnectionOptions(1, 1, "rabbit.example.com", null, null, "u", "p")));
    }

    @Test
    @DisplayName("a virtual host other than / goes in the AMQP open frame's hostname, as RabbitMQ reads it")
    void virtualHost() {
        assertEquals(
                "amqp://127.0.0.1:5672?amqp.vhost=vhost%3Aeu%2Fprod",
                JmsBrokerSender.url(new ConnectionOptions(1, 1, "127.0.0.1", 5672, "eu/prod", "u", "p")));
    }

    @Test
    @DisplayName("the URL never carries the credentials")
    void noCredentials() {
        assertEquals("amqp://h:1", JmsBrokerSender.url(new ConnectionOptions(1, 1, "h", 1, "/", "user", "secret")));
    }
}
