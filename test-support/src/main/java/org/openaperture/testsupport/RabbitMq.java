package org.openaperture.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The broker as an operator sees it: the management HTTP API (forced to HTTP/1.1, which it needs) and
 * {@code rabbitmqctl}. Publishing through the management API is a publisher that is not our code.
 */
public final class RabbitMq {
    /** A publish cut by close_all_connections: a 5xx, or a 400 whose reason is the closing of its connection. */
    private static final Pattern CUT_BY_CLOSE = Pattern.compile(" answered (5\\d\\d:|400: .*320 closed by a test)");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final String authorization;

    public RabbitMq(String managementUrl, String user, String password) {
        this.base =
                managementUrl.endsWith("/") ? managementUrl.substring(0, managementUrl.length() - 1) : managementUrl;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** From the it.* system properties the builds pass to tests. */
    public static RabbitMq fromSystemProperties() {
        return new RabbitMq(
                System.getProperty("it.rabbitmq.management", "http://127.0.0.1:15672"),
                System.getProperty("it.amqp.user", "guest"),
                System.getProperty("it.amqp.password", "guest"));
    }

    /** Publishes a persistent message; returns whether the broker routed it to at least one queue. */
    public boolean publish(String exchange, String routingKey, String payload, String messageId) {
        JsonObject body = Json.createObjectBuilder()
                .add(
                        "properties",
                        Json.createObjectBuilder()
                                .add("delivery_mode", 2)
                                .add("content_type", "application/json")
                                .add("message_id", messageId))
                .add("routing_key", routingKey)
                .add("payload", payload)
                .add("payload_encoding", "string")
                .build();
        String path = "/api/exchanges/%2F/" + encode(exchange) + "/publish";
        // The management plugin publishes over a connection of its own, which close_all_connections closes
        // too: the answer is then a 5xx (a bare 500) or a 400 carrying "320 closed by a test". The publish is made
        // again;
        // should the first one have reached the queue after all, the consumer sees the same message id twice.
        for (int attempt = 1; ; attempt++) {
            try {
                return json(call("POST", path, body.toString())).getBoolean("routed");
            } catch (IllegalStateException e) {
                if (attempt == 5
                        || e.getMessage() == null
                        || !CUT_BY_CLOSE.matcher(e.getMessage()).find()) {
                    throw e;
                }
                pause(Duration.ofMillis(200));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Declares a durable queue of the default virtual host. */
    public void declareQueue(String queue) {
        call("PUT", "/api/queues/%2F/" + encode(queue), "{\"durable\":true}");
    }

    public void deleteQueue(String queue) {
        call("DELETE", "/api/queues/%2F/" + encode(queue), null);
    }

    public void purge(String queue) {
        call("DELETE", "/api/queues/%2F/" + encode(queue) + "/contents", null);
    }

    /** How many consumers a queue has; 0 when it does not exist. */
    public int consumers(String queue) {
        try {
            return json(call("GET", "/api/queues/%2F/" + encode(queue), null)).getInt("consumers", 0);
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().contains(" answered 404")) {
                return 0;
            }
            throw e;
        }
    }

    /** {@code rabbitmqctl close_all_connections}: every client loses its connection at once. */
    public static void closeAllConnections() {
        rabbitmqctl("close_all_connections", "closed by a test");
    }

    /**
     * Runs {@code rabbitmqctl} against the node of {@code it.amqp.url}: the machine's default node, or the node
     * named by {@code it.rabbitmqctl.node} (e.g. {@code rabbit-5676@localhost}, a node of {@code second-node.sh}),
     * so that a run against a broker of its own never stops or disconnects the machine's shared one.
     */
    public static void rabbitmqctl(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        String node = System.getProperty("it.rabbitmqctl.node", "");
        if (!node.isBlank()) {
            command.addAll(List.of("-n", node));
        }
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("rabbitmqctl", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            String printed = Files.readString(output);
            Files.delete(output);
            if (!ended) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + printed);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run rabbitmqctl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String call(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
