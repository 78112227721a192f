package org.openaperture.jms.amqp.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * An extra standalone (unclustered) RabbitMQ node of the test machine, started by the repository's
 * {@code server-config/rabbitmq/second-node.sh} (path in {@code it.rabbitmq.secondNodeScript}) on its own AMQP
 * port, management port (+10000) and data directory. Tests start and stop its RabbitMQ application to play a
 * broker that goes away and comes back; the node itself, and the build's main node, are left alone.
 */
final class StandaloneNode {

    private static final String SCRIPT =
            System.getProperty("it.rabbitmq.secondNodeScript", "../../server-config/rabbitmq/second-node.sh");

    private final int port;
    private volatile boolean appStopped;

    StandaloneNode(int port) {
        this.port = port;
    }

    String url() {
        return "amqp://127.0.0.1:" + port;
    }

    String management() {
        return "http://127.0.0.1:" + (port + 10_000);
    }

    String nodeName() {
        return "rabbit-" + port + "@localhost";
    }

    /**
     * Starts the nodes that are not running yet, in parallel, without their topology (each test declares its own
     * queues); a node that runs already is left as it is. Needs root, as the script does.
     */
    static void ensureRunning(StandaloneNode... nodes) {
        Path script = Path.of(SCRIPT);
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no executable " + script.toAbsolutePath()
                    + " (set it.rabbitmq.secondNodeScript to server-config/rabbitmq/second-node.sh)");
        }
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (StandaloneNode node : nodes) {
            starts.add(CompletableFuture.runAsync(
                    () -> run(120, script.toString(), "start", Integer.toString(node.port), "--no-topology")));
        }
        try {
            starts.forEach(CompletableFuture::join);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The broker goes away: its AMQP listener closes and every client connection drops. */
    void stopApp() {
        appStopped = true;
        run(30, "rabbitmqctl", "-n", nodeName(), "stop_app");
    }

    /** The broker comes back, with its durable queues and persistent messages; returns once it accepts clients. */
    void startApp() {
        run(60, "rabbitmqctl", "-n", nodeName(), "start_app");
        run(60, "rabbitmqctl", "-n", nodeName(), "await_startup");
        appStopped = false;
    }

    /** For clean-up after a test that failed half-way. */
    void startAppIfStopped() {
        if (appStopped) {
            startApp();
        }
    }

    private static void run(int timeoutSeconds, String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.join());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
