package org.openaperture.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployFollowTest {

    static final String ID = "0b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e";
    static final String PATH = "/workflows/" + ID;

    @TempDir
    Path home;

    private StubManager manager;
    private Cli cli;

    /** Counted down once the build log was written, so the stub's workflow cannot end before it. */
    private final CountDownLatch logsSent = new CountDownLatch(1);

    /** Counted down at the second poll, when the CLI has printed what the first one found. */
    private final CountDownLatch polledTwice = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        manager = new StubManager();
        cli = new Cli(home);
        cli.vars.put("OA_URL", manager.url());
        cli.vars.put("OA_TOKEN", "t");
        manager.on("POST /workflows", exchange -> {
                    exchange.getResponseHeaders().set("Location", manager.url() + PATH);
                    exchange.sendResponseHeaders(201, -1);
                })
                .on("POST " + PATH + "/execute", exchange -> exchange.sendResponseHeaders(202, -1))
                .on("GET " + PATH + "/build_logs", this::buildLog);
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    @Test
    void followsAWorkflowThroughItsMilestonesToCompletion() {
        walk(List.of(
                workflow("build", "build on builder of US-EAST-1", "{}", false, false, "[]", null),
                workflow("build", "build on builder of US-EAST-1", "{}", false, false, "[]", null),
                workflow("deploy", "deploy on deployer of US-EAST-1", "{\"build\":\"12s\"}", false, false, "[]", null),
                workflow(
                        "workflow_completed",
                        null,
                        "{\"build\":\"12s\",\"deploy\":\"8s\"}",
                        true,
                        false,
                        "[\"Workflow completed in 21s\"]",
                        "21s")));

        Cli.Result r = cli.run("deploy", "org/app", "--follow");

        assertEquals(0, r.code(), r::toString);
        assertInOrder(
                r.out(),
                "workflow " + ID + " created and executing",
                "milestone build started",
                "waiting for build on builder of US-EAST-1",
                "milestone build finished in 12s",
                "milestone deploy started",
                "waiting for deploy on deployer of US-EAST-1",
                "milestone deploy finished in 8s",
                "workflow " + ID + " completed in 21s");
        // The log streams beside the polling: after the build started, before the workflow ended.
        assertInOrder(
                r.out(),
                "milestone build started",
                "  | Step 1/2 : FROM alpine",
                "  | Successfully built 4f3e",
                "workflow " + ID + " completed in 21s");
        JsonObject created = JsonText.parse(
                        manager.requests("POST", "/workflows").get(0).body())
                .asJsonObject();
        assertEquals("org/app_docker", created.getString("deployment_repo"));
        assertEquals("org/app", created.getString("source_repo"));
        assertEquals("master", created.getString("deployment_repo_git_ref"));
        assertEquals("master", created.getString("source_repo_git_ref"));
        assertEquals(List.of("config", "build", "deploy"), JsonText.strings(created.getJsonArray("milestones")));
        assertEquals(1, manager.requests("POST", PATH + "/execute").size());
    }

    @Test
    void aFailedWorkflowExitsNonZeroWithTheReason() {
        walk(List.of(
                workflow("build", null, "{}", false, false, "[]", null),
                workflow("build", null, "{}", false, false, "[]", null),
                workflow(
                        "build",
                        null,
                        "{\"build\":\"3s\"}",
                        true,
                        true,
                        "[\"Starting Workflow Milestone: :build\",\"Builder failed: docker build exited with 1\"]",
                        "4s")));

        Cli.Result r =
                cli.run("deploy", "org/app_docker", "--source-repo", "org/app", "--milestones", "build", "--follow");

        assertEquals(ExitCodes.FAILED, r.code(), r::toString);
        assertTrue(r.out().contains("milestone build started"), r::toString);
        assertTrue(
                r.err().contains("workflow " + ID + " failed at milestone build: Builder failed: docker build exited"),
                r::toString);
        JsonObject created = JsonText.parse(
                        manager.requests("POST", "/workflows").get(0).body())
                .asJsonObject();
        assertEquals("org/app_docker", created.getString("deployment_repo"));
        assertEquals("org/app", created.getString("source_repo"));
        assertEquals(List.of("build"), JsonText.strings(created.getJsonArray("milestones")));
    }

    @Test
    void withoutFollowItPrintsTheIdAndReturns() {
        walk(List.of(workflow("build", null, "{}", false, false, "[]", null)));
        Cli.Result r = cli.run("deploy", "org/app");
        assertEquals(0, r.code(), r::toString);
        assertEquals("workflow " + ID + " created and executing", r.out().strip());
        assertTrue(manager.requests("GET", PATH + "/build_logs").isEmpty());
    }

    /**
     * The workflow answers these states in turn, the last one from then on. The log is sent after the second poll
     * came in, and the third poll waits for it.
     */
    private void walk(List<String> states) {
        AtomicInteger calls = new AtomicInteger();
        manager.on("GET " + PATH, exchange -> {
            int call = calls.getAndIncrement();
            if (call == 1) {
                polledTwice.countDown();
            }
            if (call >= 2) {
                await(logsSent, "the CLI never opened the build log");
            }
            StubManager.send(exchange, 200, "application/json", states.get(Math.min(call, states.size() - 1)));
        });
    }

    private static void await(CountDownLatch latch, String otherwise) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(otherwise);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void buildLog(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        await(polledTwice, "the CLI never polled the workflow twice");
        try (OutputStream out = exchange.getResponseBody()) {
            write(out, ": watching " + ID + "\n\n");
            write(out, "event: build_log\ndata: {\"logs\":[\"Step 1/2 : FROM alpine\"]}\n\n");
            write(out, "event: build_log\ndata: {\"logs\":[\"Successfully built 4f3e\"]}\n\n");
        } finally {
            logsSent.countDown();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String workflow(
            String step,
            String waitingFor,
            String durations,
            boolean completed,
            boolean error,
            String eventLog,
            String duration) {
        return "{\"id\":\"" + ID + "\",\"deployment_repo\":\"org/app_docker\",\"source_repo\":\"org/app\","
                + "\"milestones\":[\"config\",\"build\",\"deploy\"],\"current_step\":\"" + step + "\","
                + "\"waiting_for\":" + (waitingFor == null ? "null" : "\"" + waitingFor + "\"") + ","
                + "\"workflow_step_durations\":" + durations + ",\"workflow_completed\":" + completed
                + ",\"workflow_error\":" + error + ",\"event_log\":" + eventLog + ",\"workflow_duration\":"
                + (duration == null ? "null" : "\"" + duration + "\"") + "}";
    }

    static void assertInOrder(String text, String... lines) {
        List<String> actual = text.lines().toList();
        int at = -1;
        for (String line : lines) {
            int found = actual.subList(at + 1, actual.size()).indexOf(line);
            assertTrue(found >= 0, () -> "'" + line + "' not found after line " + actual.size() + " in:\n" + text);
            at = at + 1 + found;
        }
    }
}
