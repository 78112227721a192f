package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.AmqpSender;
import org.openaperture.testsupport.ApiClient.Reply;
import org.openaperture.testsupport.Eventually;
import org.openaperture.testsupport.RabbitMq;
import org.openaperture.testsupport.Tokens;

/**
 * Build-log lines published by a plain AMQP client, as a Builder would (exchange AWS, key
 * {@code aws.us-east-1.build_logs}), reach this node's own build-log queue and from there a WebSocket client
 * ({@code /ws/build_logs/{id}}) and an SSE client ({@code GET /workflows/{id}/build_logs}), both the JDK's.
 */
class BuildLogIT {
    private static final String ROUTING_KEY = "aws.us-east-1.build_logs";
    private static final String QUEUE =
            System.getProperty("it.build-log.queue", "aws:us-east-1.manager.build_logs.e2e-20080");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String BASE = System.getProperty("it.base.url", "http://127.0.0.1:20080");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<AutoCloseable> open = new ArrayList<>();
    private String workflow;

    @BeforeEach
    void aWorkflow() {
        Server.ADMIN.ensureExchange("US-EAST-1", "us-east-1", Server.ADMIN.ensureExchange("AWS", "aws", null));
        // The node declares its queue once its exchange is in the model; then its consumer connects.
        Duration took = Eventually.within(
                Duration.ofSeconds(30),
                QUEUE + " consumed",
                () -> RabbitMq.fromSystemProperties().consumers(QUEUE) > 0);
        if (took.toMillis() > 100) {
            System.out.printf("the node's build-log queue had a consumer after %d ms%n", took.toMillis());
        }
        Reply created = Server.API.as("operator").post("/workflows", "{\"deployment_repo\":\"build-log-test\"}");
        assertEquals(201, created.status(), created.toString());
        workflow = created.location().substring(created.location().lastIndexOf('/') + 1);
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : open) {
            client.close();
        }
    }

    @Test
    void linesPublishedOverAmqpReachAWebSocketClientAndAnSseClient() throws Exception {
        Frames socket = webSocket(workflow, Tokens.mint("it-viewer", "viewer"));
        JsonObject joined = socket.next();
        assertEquals("build_log:" + workflow, joined.getString("topic"));
        assertEquals("phx_reply", joined.getString("event"));
        assertEquals("ok", joined.getJsonObject("payload").getString("status"));
        Lines sse = sse(workflow);
        String first = sse.nextNonEmpty();
        assertTrue(first.startsWith(":") && first.contains("watching build_log:" + workflow), first);

        List<Long> toSocket = new ArrayList<>();
        List<Long> toSse = new ArrayList<>();
        try (AmqpSender builder = AmqpSender.to("AWS", ROUTING_KEY)) {
            for (int i = 1; i <= 5; i++) {
                String line = "Step " + i + "/5 " + UUID.randomUUID();
                long sent = System.nanoTime();
                builder.send(Json.createObjectBuilder()
                        .add("workflow_id", workflow)
                        .add("logs", Json.createArrayBuilder().add(line).add("done " + i))
                        .build()
                        .toString());

                JsonObject frame = socket.next();
                toSocket.add(millisSince(sent));
                assertEquals(
                        Json.createObjectBuilder()
                                .add("topic", "build_log:" + workflow)
                                .add("event", "build_log")
                                .add(
                                        "payload",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "logs",
                                                        Json.createArrayBuilder()
                                                                .add(line)
                                                                .add("done " + i)))
                                .build(),
                        frame);

                assertEquals("event: build_log", sse.nextSkippingComments());
                String data = sse.next();
                toSse.add(millisSince(sent));
                assertEquals("data: {\"logs\":[\"" + line + "\",\"done " + i + "\"]}", data);
                assertEquals("", sse.next(), "an event ends with an empty line");
            }
        }
        Collections.sort(toSocket);
        Collections.sort(toSse);
        System.out.printf(
                "build-log line published over AMQP to the WebSocket client: median %d ms (max %d), to the SSE"
                        + " client: median %d ms (max %d)%n",
                toSocket.get(2), toSocket.get(4), toSse.get(2), toSse.get(4));
    }

    @Test
    void aWebSocketWithoutAValidTokenIsRefusedAtTheHandshake() {
        assertEquals(401, handshakeStatus(null));
        assertEquals(401, handshakeStatus(Tokens.signedByUnknownKey("it-viewer", "viewer")));
        assertEquals(401, handshakeStatus(Tokens.expired("it-viewer", "viewer")));
        assertEquals(403, handshakeStatus(Tokens.mint("it-nobody", "nobody")));
    }

    @Test
    void anUnknownWorkflowIs404OnSseAndClosesTheWebSocket() throws Exception {
        String unknown = UUID.randomUUID().toString();

        Reply sse = Server.VIEWER.send("GET", "/workflows/" + unknown + "/build_logs", null, null, "text/event-stream");
        assertEquals(404, sse.status(), sse.toString());
        assertTrue(sse.contentType().startsWith("application/problem+json"), sse.toString());

        Frames socket = webSocket(unknown, Tokens.mint("it-viewer", "viewer"));
        assertEquals(4404, socket.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void theSseRouteNeedsAToken() {
        Reply reply = Server.API.send("GET", "/workflows/" + workflow + "/build_logs", null, null, "text/event-stream");

        assertEquals(401, reply.status(), reply.toString());
    }

    private int handshakeStatus(String token) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            WebSocket socket = builder.buildAsync(socketUri(workflow), new WebSocket.Listener() {})
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            socket.abort();
            return 101;
        } catch (Exception e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("handshake failed otherwise", e);
        }
    }

    private Frames webSocket(String workflowId, String token) throws Exception {
        Frames frames = new Frames();
        WebSocket socket = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token)
                .buildAsync(socketUri(workflowId), frames)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        open.add(socket::abort);
        return frames;
    }

    private static URI socketUri(String workflowId) {
        return URI.create(BASE.replaceFirst("^http", "ws") + "/ws/build_logs/" + workflowId);
    }

    private Lines sse(String workflowId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + "/workflows/" + workflowId + "/build_logs"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + Tokens.mint("it-viewer", "viewer"))
                .GET()
                .build();
        HttpResponse<Stream<String>> response =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(
                response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
                response.headers().toString());
        Lines lines = new Lines();
        Thread reader = new Thread(() -> response.body().forEach(lines.queue::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        open.add(() -> response.body().close());
        return lines;
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    /** The text frames a WebSocket client receives, as JSON, and how the server closed it. */
    static final class Frames implements WebSocket.Listener {
        final BlockingQueue<JsonObject> queue = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                queue.add(
                        Json.createReader(new StringReader(partial.toString())).readObject());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        JsonObject next() throws InterruptedException {
            JsonObject frame = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(frame, "a WebSocket frame within " + WAIT.toSeconds() + " s");
            return frame;
        }
    }

    /** The lines an SSE client reads. */
    static final class Lines {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        String next() throws InterruptedException {
            String line = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(line, "an SSE line within " + WAIT.toSeconds() + " s");
            return line;
        }

        /** The next line that is not empty: RESTEasy (WildFly) opens a stream with blank lines, which SSE ignores. */
        String nextNonEmpty() throws InterruptedException {
            String line = next();
            while (line.isEmpty()) {
                line = next();
            }
            return line;
        }

        /** The next line that is not a comment (keep-alives may come in between), nor the blank line after one. */
        String nextSkippingComments() throws InterruptedException {
            String line = next();
            while (line.startsWith(":") || line.isEmpty()) {
                line = next();
            }
            return line;
        }
    }
}
