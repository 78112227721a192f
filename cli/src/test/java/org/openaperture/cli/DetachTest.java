package org.openaperture.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C while following: in a JVM of its own, since only a real signal runs the shutdown hook. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DetachTest {

    private static final String ID = DeployFollowTest.ID;
    private static final String PATH = DeployFollowTest.PATH;

    @TempDir
    Path home;

    private StubManager manager;
    private final CountDownLatch testOver = new CountDownLatch(1);
    private Process oa;

    @BeforeEach
    void start() throws IOException {
        manager = new StubManager();
        manager.on("POST /workflows", exchange -> {
                    exchange.getResponseHeaders().set("Location", manager.url() + PATH);
                    exchange.sendResponseHeaders(201, -1);
                })
                .on("POST " + PATH + "/execute", exchange -> exchange.sendResponseHeaders(202, -1))
                .json("GET " + PATH, 200, DeployFollowTest.workflow("build", null, "{}", false, false, "[]", null))
                .on("GET " + PATH + "/build_logs", exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    exchange.getResponseBody().write(": watching\n\n".getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush();
                    try {
                        testOver.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    @AfterEach
    void stop() {
        testOver.countDown();
        if (oa != null) {
            oa.destroyForcibly();
        }
        manager.close();
    }

    @Test
    void ctrlCDetachesAndLeavesTheWorkflowRunning() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "deploy",
                        "org/app",
                        "--follow")
                .redirectErrorStream(true);
        builder.environment().put("OA_URL", manager.url());
        builder.environment().put("OA_TOKEN", "t");
        builder.environment().put("OA_CONFIG", home.resolve("cli.json").toString());
        oa = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(oa.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (IOException ended) {
                // The process is gone.
            }
        });
        reader.setDaemon(true);
        reader.start();

        assertNotNull(awaitLine(lines, "workflow " + ID + " created and executing", 30), "oa never started following");
        assertNotNull(awaitLine(lines, "milestone build started", 10), "oa never polled the workflow");
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(oa.pid())).start();
        assertEquals(0, kill.waitFor());

        assertTrue(oa.waitFor(10, TimeUnit.SECONDS), "oa did not end on SIGINT");
        assertNotNull(
                awaitLine(lines, "detached: workflow " + ID + " goes on; follow it with oa workflows get " + ID, 5),
                "no detach message");
        assertTrue(manager.requests("POST", PATH + "/cancel").isEmpty(), "the workflow was cancelled");
    }

    private static String awaitLine(BlockingQueue<String> lines, String expected, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line != null && line.equals(expected)) {
                return line;
            }
        }
        return null;
    }
}
