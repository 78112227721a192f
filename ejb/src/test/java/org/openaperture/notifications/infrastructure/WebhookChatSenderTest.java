package org.openaperture.notifications.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.notifications.application.NotificationDeliveryException;

/** The chat sender against a real HTTP server in the test JVM (the JDK's, on loopback) as the webhook. */
class WebhookChatSenderTest {
    private static final String SECRET_PATH = "/services/T000/B000/XXXXsecret";

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    /** The webhook answers once this is open; a test that wants a silent webhook closes it. */
    private volatile CountDownLatch mayAnswer = new CountDownLatch(0);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::webhook);
        server.start();
    }

    @AfterEach
    void stop() {
        mayAnswer.countDown();
        server.stop(0);
    }

    private void webhook(HttpExchange exchange) throws IOException {
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
        try {
            mayAnswer.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] answer = (status == 200 ? "ok" : "internal_error").getBytes(StandardCharsets.UTF_8);
        if (status == 204) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
        exchange.close();
    }

    private URI webhook() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH);
    }

    @Test
    @DisplayName("Publisher: success handled; the webhook receives Slack-compatible JSON {\"text\": ...}")
    void posted() {
        new WebhookChatSender(Duration.ofSeconds(5)).post(webhook(), "[OA][42][org/app]: Workflow \"x\" ✓ done");

        assertEquals(1, bodies.size());
        JsonObject json = Json.createReader(new StringReader(bodies.get(0))).readObject();
        assertEquals("[OA][42][org/app]: Workflow \"x\" ✓ done", json.getString("text"));
        assertEquals(1, json.size(), "only text: Slack, Mattermost and Teams all accept it");
        assertTrue(contentTypes.get(0).startsWith("application/json"), contentTypes.get(0));

        status = 204;
        new WebhookChatSender(Duration.ofSeconds(5)).post(webhook(), "again");
        assertEquals(2, bodies.size(), "a 204 is success too");
    }

    @Test
    @DisplayName("Publisher: error response handled: a 500 is a failure naming the status, never the webhook's path")
    void serverError() {
        status = 500;

        NotificationDeliveryException failure =
                assertThrows(NotificationDeliveryException.class, () -> new WebhookChatSender(Duration.ofSeconds(5))
                        .post(webhook(), "m"));
        assertTrue(failure.getMessage().contains("answered 500: internal_error"), failure.getMessage());
        assertTrue(failure.getMessage()
                .contains("http://127.0.0.1:" + server.getAddress().getPort()));
        assertFalse(failure.getMessage().contains("secret"), failure.getMessage());
    }

    @Test
    @DisplayName("a webhook that does not answer within the timeout is a failure, not a hang")
    void aWebhookThatDoesNotAnswerWithinTheTimeoutIsAFailure() {
        mayAnswer = new CountDownLatch(1);

        long start = System.nanoTime();
        NotificationDeliveryException failure =
                assertThrows(NotificationDeliveryException.class, () -> new WebhookChatSender(Duration.ofMillis(300))
                        .post(webhook(), "m"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2_500, "bounded by the timeout");
        assertTrue(failure.getMessage().contains("did not answer within PT0.3S"), failure.getMessage());
        assertFalse(failure.getMessage().contains("secret"), failure.getMessage());
    }
}
