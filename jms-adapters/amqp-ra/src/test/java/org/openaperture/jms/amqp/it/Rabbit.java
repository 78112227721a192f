package org.openaperture.jms.amqp.it;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMessageFacade;
import org.openaperture.jms.amqp.settings.ConnectionSettings;

/**
 * The test broker: queues through the management API, connection kills through rabbitmqctl, and a plain
 * Qpid client for sending and reading back. Settings come from the it.* system properties of the build.
 */
final class Rabbit {

    static final String URL = System.getProperty("it.amqp.url", "amqp://127.0.0.1:5672");
    static final String USER = System.getProperty("it.amqp.user", "guest");
    static final String PASSWORD = System.getProperty("it.amqp.password", "guest");
    static final String MANAGEMENT = System.getProperty("it.rabbitmq.management", "http://127.0.0.1:15672");

    private static final Pattern MESSAGES = Pattern.compile("\"messages\":(\\d+)");

    // The management API answers HTTP/2 upgrade attempts with a broken stream: force HTTP/1.1.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<String> created = new ArrayList<>();
    private final String management;

    /** The test broker of the build. */
    Rabbit() {
        this(MANAGEMENT);
    }

    /** Another node, through its management API, e.g. {@code http://127.0.0.1:15674}. */
    Rabbit(String management) {
        this.management = management;
    }

    static String uniqueQueueName(String purpose) {
        return "ra-it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ConnectionSettings settings(long timeoutMs) {
        return settings(URL, timeoutMs);
    }

    static ConnectionSettings settings(String url, long timeoutMs) {
        return new ConnectionSettings(url, USER, PASSWORD, timeoutMs, timeoutMs, timeoutMs);
    }

    /** Declares a durable queue and its {@code _error} queue; {@link #deleteCreatedQueues()} removes them. */
    void declareWithErrorQueue(String queue) throws IOException, InterruptedException {
        declare(queue);
        declare(queue + "_error");
    }

    void declare(String queue) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(queuePath(queue))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"durable\":true,\"auto_delete\":false,\"arguments\":{}}"))
                .header("Content-Type", "application/json"));
        check(response, "declare queue " + queue);
        created.add(queue);
    }

    void deleteCreatedQueues() throws IOException, InterruptedException {
        for (String queue : created) {
            send(request(queuePath(queue)).DELETE());
        }
        created.clear();
    }

    /** The management API's {@code messages} (ready + unacknowledged); -1 before its first statistics. */
    int messageCount(String queue) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(queuePath(queue)).GET());
        check(response, "read queue " + queue);
        Matcher matcher = MESSAGES.matcher(response.body());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /**
     * Polls the statistics (refreshed every few seconds by the broker) until they show {@code expected}.
     * Returns the last value seen.
     */
    int awaitMessageCount(String queue, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int count = messageCount(queue);
        while (count != expected && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(250);
            count = messageCount(queue);
        }
        return count;
    }

    /** Messages ready in the queue right now (not statistics): peeked and requeued. */
    int readyNow(String queue) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(queuePath(queue) + "/get")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"count\":100,\"ackmode\":\"ack_requeue_true\",\"encoding\":\"auto\"}"))
                .header("Content-Type", "application/json"));
        check(response, "peek queue " + queue);
        return response.body().split("\"payload_bytes\"", -1).length - 1;
    }

    /**
     * What an operator does: {@code rabbitmqctl close_all_connections}. On RabbitMQ 3.10 it reaches an AMQP 1.0
     * client only through the plugin's internal connections: a connection that ended a session before it
     * opened its consumer session (as the adapter's, after its error-queue probe) fails at once with
     * {@code server_initiated_close,320}; most others notice nothing (see the module README).
     */
    static void closeAllConnections() throws IOException, InterruptedException {
        rabbitmqctl("close_all_connections", "test");
    }

    /**
     * The broker closes the TCP sockets of its AMQP listener: a connection failure every client notices,
     * whatever its sessions did, for tests that need one regardless of {@link #closeAllConnections()}'s quirks.
     */
    static void resetClientSockets() throws IOException, InterruptedException {
        int port = URI.create(URL).getPort() > 0 ? URI.create(URL).getPort() : 5672;
        rabbitmqctl(
                "eval",
                "[erlang:port_close(S) || S <- erlang:ports(),"
                        + " erlang:port_info(S, name) =:= {name, \"tcp_inet\"},"
                        + " {ok, {_, " + port + "}} <- [inet:sockname(S)], {ok, _} <- [inet:peername(S)]].");
    }

    private static void rabbitmqctl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** A plain Qpid client with short timeouts, for the producing and checking side of a test. */
    static Connection plainConnection() throws JMSException {
        return plainConnection(URL);
    }

    static Connection plainConnection(String url) throws JMSException {
        JmsConnectionFactory factory = settings(url, 5_000).newConnectionFactory(100);
        return factory.createConnection();
    }

    static void sendText(String address, String... bodies) throws JMSException {
        sendTextTo(URL, address, bodies);
    }

    /** Sends persistent text messages to {@code address} on the broker at {@code url}. */
    static void sendTextTo(String url, String address, String... bodies) throws JMSException {
        try (Connection connection = plainConnection(url)) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(address));
            for (String body : bodies) {
                producer.send(session.createTextMessage(body));
            }
        }
    }

    /**
     * Sends a text message with AMQP application properties set the way a client other than JMS may set them
     * (names that are no Java identifiers, list and map values), below Qpid's JMS checks. The management API
     * cannot do this on RabbitMQ 3.10: the AMQP 1.0 plugin drops AMQP 0-9-1 headers on the way to an AMQP 1.0
     * consumer.
     */
    static void sendWithApplicationProperties(String address, String body, Map<String, Object> properties)
            throws JMSException {
        try (Connection connection = plainConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage(body);
            AmqpJmsMessageFacade amqp = (AmqpJmsMessageFacade) ((JmsMessage) message).getFacade();
            for (Map.Entry<String, Object> property : properties.entrySet()) {
                amqp.setApplicationProperty(property.getKey(), property.getValue());
            }
            session.createProducer(session.createQueue(address)).send(message);
        }
    }

    /** Receives (and acknowledges) up to {@code max} messages, waiting at most {@code timeout} for each. */
    static List<Message> receive(String address, int max, Duration timeout) throws JMSException {
        List<Message> received = new ArrayList<>();
        try (Connection connection = plainConnection()) {
            connection.start();
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(address));
            for (int i = 0; i < max; i++) {
                Message message = consumer.receive(timeout.toMillis());
                if (message == null) {
                    break;
                }
                received.add(message);
            }
            // Closing the connection, not the consumer: a consumer closed with prefetched messages makes
            // Qpid drain, which crashes RabbitMQ 3.10's channel.
        }
        return received;
    }

    private HttpRequest.Builder request(String path) {
        String credentials =
                Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(management + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + credentials);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String queuePath(String queue) {
        return "/api/queues/%2F/"
                + URLEncoder.encode(queue, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void check(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }
}
