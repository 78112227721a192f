package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openaperture.testsupport.AmqpQueue;
import org.openaperture.testsupport.AmqpQueue.Received;
import org.openaperture.testsupport.ApiClient;
import org.openaperture.testsupport.ApiClient.Reply;
import org.openaperture.testsupport.Eventually;
import org.openaperture.testsupport.GitRemotes;
import org.openaperture.testsupport.RabbitMq;
import org.openaperture.testsupport.Tokens;

/**
 * Workflows run end to end on the one e2e node, which runs the Manager, the orchestrator, the Builder, the
 * Deployer and notifications: real git repositories (bare, on this machine), a real build command, units run as
 * processes by the local-process target, mail to a GreenMail SMTP server and chat to a webhook, both in this
 * test. Everything travels through RabbitMQ and PostgreSQL as in production.
 */
class WorkflowRunIT {
    private static final String BASE = System.getProperty("it.base.url", "http://127.0.0.1:20080");
    private static final ApiClient ADMIN = new ApiClient(BASE).as("admin");
    private static final ApiClient OPERATOR = new ApiClient(BASE).as("operator");
    private static final ApiClient VIEWER = new ApiClient(BASE).as("viewer");
    private static final Path WORK = Path.of(System.getProperty("it.workflow.dir", "target/workflow"));
    private static final GitRemotes REMOTES = new GitRemotes(WORK.resolve("git"));
    private static final int APP_PORT = Integer.getInteger("it.workflow.app.port", 20090);
    private static final String JAVA_BIN =
            Path.of(System.getProperty("java.home"), "bin").toString();
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);
    private static final String ORCHESTRATION_QUEUE = "aws:us-east-1.workflow_orchestration";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(Integer.getInteger("it.smtp.port", 20025), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private static HttpServer webhook;
    private static long usEast;
    private static final Queue<String> CHAT = new ConcurrentLinkedQueue<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void chatWebhookAndModules() throws IOException {
        webhook =
                HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.getInteger("it.webhook.port", 20026)), 0);
        webhook.createContext("/hook", exchange -> {
            CHAT.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        long aws = ADMIN.ensureExchange("AWS", "aws", null);
        usEast = ADMIN.ensureExchange("US-EAST-1", "us-east-1", aws);
        awaitModule("builder");
    }

    /** The orchestrator dispatches only to an exchange where an active module of the milestone's type lives. */
    private static void awaitModule(String type) {
        Eventually.within(Duration.ofSeconds(60), "the node's " + type + " module registered", () -> VIEWER.get(
                        "/messaging/exchanges/" + usEast + "/modules")
                .body()
                .contains("\"" + type + "\""));
    }

    @AfterAll
    static void stopWebhook() {
        webhook.stop(0);
    }

    @Test
    void configBuildDeployRunsToCompletedOnOneNode() throws Exception {
        awaitModule("deployer");
        App app = new App("hello-" + shortId());
        String sourceSha = REMOTES.create(app.source, app.sourceFiles());
        REMOTES.create(app.deployment, app.deploymentFiles(buildScript(app, "")));
        String id = createWorkflow(app, List.of("config", "build", "deploy"));
        Queue<String> frames = new ConcurrentLinkedQueue<>();
        WebSocket socket = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + Tokens.mint("it-viewer", "viewer"))
                .buildAsync(
                        URI.create(BASE.replaceFirst("^http", "ws") + "/ws/build_logs/" + id),
                        new WebSocket.Listener() {
                            private final StringBuilder partial = new StringBuilder();

                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(
                                    WebSocket ws, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    frames.add(partial.toString());
                                    partial.setLength(0);
                                }
                                ws.request(1);
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);

        long started = System.nanoTime();
        assertEquals(202, OPERATOR.post("/workflows/" + id + "/execute", "{}").status());
        JsonObject done = awaitEnded(id);
        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf("workflow config -> build -> deploy: execute to completed in %d ms%n", tookMillis);

        assertFalse(done.getBoolean("workflow_error"), done.toString());
        JsonObject durations = done.getJsonObject("workflow_step_durations");
        for (String step : List.of("config", "build", "deploy")) {
            assertTrue(durations.containsKey(step), "a duration for " + step + ": " + durations);
        }
        assertTrue(done.getJsonArray("event_log").size() >= 3, done.toString());

        // config rendered the templates and pushed them back to the deployment repo.
        assertEquals(
                "Deployment for commit " + sourceSha,
                REMOTES.headMessage(app.deployment).strip());
        String unit = REMOTES.fileAtHead(app.deployment, "hello@.service");
        assertNotNull(unit, "the rendered unit was pushed");
        assertTrue(unit.contains(sourceSha), unit);

        // deploy started the built program, which answers on its port.
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP_PORT + "/"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertEquals("hello from " + sourceSha, answer.body());

        // build printed its lines to the build log, which reached the WebSocket client.
        Eventually.within(Duration.ofSeconds(10), "the build's line at the WebSocket client", () -> frames.stream()
                .anyMatch(f -> f.contains("\"build_log\"") && f.contains("compiling Hello.java")));
        socket.abort();

        // The orchestrator mailed the completion and the steps went to the chat room.
        Eventually.within(Duration.ofSeconds(20), "the completion email", () -> mailAbout(id)
                .isPresent());
        MimeMessage mail = mailAbout(id).orElseThrow();
        assertEquals("ops@example.test", mail.getAllRecipients()[0].toString());
        Eventually.within(Duration.ofSeconds(20), "chat calls about " + id, () -> CHAT.stream()
                .anyMatch(c -> c.contains(id)));
    }

    /**
     * The config milestone reads {@code aws.json}, secret key included; the orchestrator keeps it for the next
     * dispatch. It is sealed in the table, and no response and no log line shows it.
     */
    @Test
    void anAwsSecretKeyIsSealedAtRestAndShownNowhere() throws Exception {
        App app = new App("aws-secret-" + shortId());
        String secret = "e2e-aws-secret-" + UUID.randomUUID();
        REMOTES.create(app.source, app.sourceFiles());
        Map<String, String> deployment = new HashMap<>(app.deploymentFiles(buildScript(app, "")));
        deployment.put(
                "aws.json",
                "{\"access_key_id\":\"AKIAE2E\",\"secret_access_key\":\"" + secret + "\",\"region\":\"us-east-1\"}");
        REMOTES.create(app.deployment, deployment);
        String id = createWorkflow(app, List.of("config"));

        assertEquals(202, OPERATOR.post("/workflows/" + id + "/execute", "{}").status());
        JsonObject done = awaitEnded(id);

        assertFalse(done.getBoolean("workflow_error"), done.toString());
        for (String role : List.of("viewer", "operator", "admin")) {
            ApiClient client = Server.API.as(role);
            for (String path : List.of("/workflows/" + id, "/workflows?lookback=0")) {
                Reply reply = client.get(path);
                assertEquals(200, reply.status(), reply.toString());
                assertFalse(reply.body().contains(secret), role + " GET " + path + " shows the AWS secret key");
            }
        }
        try (Connection db = Outbox.database();
                PreparedStatement select = db.prepareStatement(
                        "SELECT orchestration_context, orchestration_context_keyname FROM workflows WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "workflow " + id + " stored");
                assertNotNull(row.getString(1), "the orchestration context is kept");
                assertFalse(row.getString(1).contains(secret), "the AWS secret key is sealed in the table");
                assertNotNull(row.getString(2), "sealed under a named key");
            }
        }
        assertFalse(Server.log().contains(secret), "the AWS secret key reached the server log");
    }

    /** A library's failure is the operator's to read: git's, with its cause, and slf4j has a provider. */
    @Test
    void aGitFailureReachesTheServerLogWithItsCause() {
        App app = new App("never-pushed-" + shortId()); // no such repositories
        String id = createWorkflow(app, List.of("config"));

        assertEquals(202, OPERATOR.post("/workflows/" + id + "/execute", "{}").status());
        JsonObject failed = awaitEnded(id);

        assertTrue(failed.getBoolean("workflow_error"), failed.toString());
        Eventually.within(Duration.ofSeconds(10), "the git failure in the server log with its cause", () -> {
            String log = Server.log();
            int at = log.indexOf("job of workflow " + id + " failed: Failed to clone");
            return at >= 0 && log.indexOf("org.eclipse.jgit", at) > at;
        });
        assertFalse(
                Server.log().contains("No SLF4J providers were found"),
                "the libraries' slf4j logging reaches the server log");
    }

    @Test
    void aFailingBuildFailsTheWorkflowWithTheReasonAndRetryCompletesIt() throws Exception {
        App app = new App("flaky-" + shortId());
        Path failedOnce = WORK.resolve(app.name + ".failed-once");
        REMOTES.create(app.source, app.sourceFiles());
        // The first build fails the way a compiler does; the second one, the retry, passes.
        String failFirst = "if [ ! -f '" + failedOnce + "' ]; then touch '" + failedOnce + "';"
                + " echo 'Hello.java:1: error: class, interface, enum, or record expected' >&2; exit 2; fi\n";
        REMOTES.create(app.deployment, app.deploymentFiles(buildScript(app, failFirst)));
        String id = createWorkflow(app, List.of("config", "build"));

        assertEquals(202, OPERATOR.post("/workflows/" + id + "/execute", "{}").status());
        JsonObject failed = awaitEnded(id);

        assertTrue(failed.getBoolean("workflow_error"), failed.toString());
        assertTrue(
                failed.getJsonArray("event_log").getValuesAs(JsonString.class).stream()
                        .anyMatch(e ->
                                e.getString().contains("exit") || e.getString().contains("error: class, interface")),
                "the event log says why the build failed: " + failed.getJsonArray("event_log"));

        long retried = System.nanoTime();
        Reply retry = OPERATOR.post("/workflows/" + id + "/retry", "{}");
        assertEquals(202, retry.status(), retry.toString());
        JsonObject done = awaitEnded(id);
        System.out.printf(
                "retry from the failed build to completed in %d ms%n",
                Duration.ofNanos(System.nanoTime() - retried).toMillis());
        assertFalse(done.getBoolean("workflow_error"), done.toString());
        assertTrue(done.getJsonObject("workflow_step_durations").containsKey("build"), done.toString());
    }

    @Test
    void cancelStopsTheRunningBuildProcess() throws Exception {
        App app = new App("slow-" + shortId());
        Path pidFile = WORK.resolve(app.name + ".pid");
        REMOTES.create(app.source, app.sourceFiles());
        String slow = "echo $$ > '" + pidFile + "'\nexec sleep 300\n";
        REMOTES.create(app.deployment, app.deploymentFiles(buildScript(app, slow)));
        String id = createWorkflow(app, List.of("config", "build"));

        assertEquals(202, OPERATOR.post("/workflows/" + id + "/execute", "{}").status());
        Eventually.within(
                Duration.ofSeconds(60),
                "the build started",
                () -> Files.exists(pidFile) && !readQuietly(pidFile).isBlank());
        long pid = Long.parseLong(readQuietly(pidFile).strip());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the build runs");
        JsonObject running = workflow(id);
        assertFalse(running.getBoolean("workflow_completed"), running.toString());

        Reply cancel = OPERATOR.post("/workflows/" + id + "/cancel", "{}");
        assertEquals(202, cancel.status(), cancel.toString());

        Duration gone =
                Eventually.within(Duration.ofSeconds(20), "build process " + pid + " gone", () -> ProcessHandle.of(pid)
                        .map(p -> !p.isAlive())
                        .orElse(true));
        System.out.printf("cancel to build process gone in %d ms%n", gone.toMillis());
        JsonObject cancelled = awaitEnded(id);
        assertTrue(cancelled.getBoolean("workflow_error"), cancelled.toString());
    }

    @Test
    void aPoisonOrchestrationMessageIsDeadLetteredAndFailsTheWorkflowItNames() {
        RabbitMq rabbit = RabbitMq.fromSystemProperties();
        rabbit.purge(ORCHESTRATION_QUEUE + "_error");
        // A workflow the Manager shows as running its build, waiting for a callback.
        Reply created = OPERATOR.post("/workflows", "{\"milestones\":[\"build\"],\"current_step\":\"build\"}");
        assertEquals(201, created.status(), created.toString());
        String id = created.location().substring(created.location().lastIndexOf('/') + 1);
        String poison = "{\"id\":\"" + id + "\",\"current_step\":42}";

        assertTrue(rabbit.publish("AWS", "aws.us-east-1.workflow_orchestration", poison, "poison-" + id), "routed");

        Received dead = AmqpQueue.receive(ORCHESTRATION_QUEUE + "_error", Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("nothing reached " + ORCHESTRATION_QUEUE + "_error"));
        assertEquals(poison, dead.body());
        JsonObject failed = awaitEnded(id);
        assertTrue(failed.getBoolean("workflow_error"), failed.toString());
        assertTrue(
                failed.getJsonArray("event_log").toString().contains("current_step must be a string"),
                "the event log says why: " + failed.getJsonArray("event_log"));
    }

    private static String createWorkflow(App app, List<String> milestones) {
        String body = "{\"deployment_repo\":\"" + app.deployment + "\",\"deployment_repo_git_ref\":\"master\","
                + "\"source_repo\":\"" + app.source + "\",\"source_repo_git_ref\":\"master\",\"milestones\":"
                + milestones.stream().map(m -> "\"" + m + "\"").toList() + "}";
        Reply created = OPERATOR.post("/workflows", body);
        assertEquals(201, created.status(), created.toString());
        return created.location().substring(created.location().lastIndexOf('/') + 1);
    }

    private static JsonObject workflow(String id) {
        Reply reply = VIEWER.get("/workflows/" + id);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private static JsonObject awaitEnded(String id) {
        JsonObject[] last = new JsonObject[1];
        try {
            Eventually.within(RUN_LIMIT, "workflow " + id + " ended", () -> {
                last[0] = workflow(id);
                return last[0].getBoolean("workflow_completed", false);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + last[0], e);
        }
        return last[0];
    }

    private static Optional<MimeMessage> mailAbout(String id) {
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            try {
                if (message.getSubject() != null && message.getSubject().contains(id)) {
                    return Optional.of(message);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }

    /** The deployment repo's build script: compiles the source repo's program into the node's "image" store. */
    private static String buildScript(App app, String before) {
        return "#!/bin/sh\nset -e\n" + before
                + "echo \"compiling Hello.java for $OA_IMAGE\"\n"
                + "out='" + WORK.resolve("images").toAbsolutePath() + "'/\"${OA_IMAGE##*:}\"\n"
                + "mkdir -p \"$out\"\n"
                + "'" + JAVA_BIN + "/javac' -d \"$out\" \"$OA_SOURCE_DIR/Hello.java\"\n"
                + "echo \"built $OA_IMAGE\"\n";
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** One application: a source repo with a small Java web program and its deployment ("_docker") repo. */
    private static final class App {
        final String name;
        final String source;
        final String deployment;

        App(String name) {
            this.name = name;
            this.source = "e2e/" + name;
            this.deployment = "e2e/" + name + "_docker";
        }

        Map<String, String> sourceFiles() {
            return Map.of(
                    "Hello.java",
                    """
                    import com.sun.net.httpserver.HttpServer;
                    import java.net.InetSocketAddress;
                    import java.nio.charset.StandardCharsets;

                    public class Hello {
                        public static void main(String[] args) throws Exception {
                            byte[] body = ("hello from " + args[1]).getBytes(StandardCharsets.UTF_8);
                            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
                            server.createContext("/", exchange -> {
                                exchange.sendResponseHeaders(200, body.length);
                                exchange.getResponseBody().write(body);
                                exchange.close();
                            });
                            server.start();
                            System.out.println("listening on " + args[0]);
                        }
                    }
                    """,
                    "openaperture.json",
                    """
                    {"deployments": {"notifications": {
                      "hipchat": {"room_names": ["ops"]},
                      "email": {"events": {"on_workflow_completed": ["ops@example.test"]}}}}}
                    """);
        }

        Map<String, String> deploymentFiles(String buildScript) {
            return Map.of(
                    "build.sh",
                    buildScript,
                    "docker.json",
                    "{\"docker_url\":\"e2e/" + name + "\"}",
                    "etcd.json",
                    "{\"token\":\"local\"}",
                    "Dockerfile.eex",
                    "FROM scratch\n# <%= commit_hash %>\n",
                    "hello@.service.eex",
                    "[Unit]\nDescription=hello <%= commit_hash %>\n\n[Service]\nExecStart='" + JAVA_BIN
                            + "/java' -cp '" + WORK.resolve("images").toAbsolutePath()
                            + "/<%= commit_hash %>' Hello " + APP_PORT + " <%= commit_hash %>\n"
                            + "\n[X-OpenAperture]\nHealthPort=" + APP_PORT + "\n");
        }
    }
}
