package org.openaperture.builder.infrastructure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openaperture.builder.application.BuildLogSink;
import org.openaperture.builder.application.ImageBuild;
import org.openaperture.builder.application.ImageBuildException;
import org.openaperture.builder.application.ImageBuilder;
import org.openaperture.worker.application.Cancellation;
import org.openaperture.worker.infrastructure.TaggedProcesses;

/**
 * Builds by running a configured command with {@code sh -c} in the deployment repo checkout, for example
 * {@code docker build -t {image} . && docker push {image}} or {@code mvn -q -f {source_dir} package}.
 * {@code {image}}, {@code {dir}} and {@code {source_dir}} are replaced by shell-quoted values; the same values
 * are in the environment as {@code OA_IMAGE}, {@code OA_BUILD_DIR} and {@code OA_SOURCE_DIR}.
 *
 * <p>Standard output and error are merged and streamed, a batch of lines whenever the process pauses. A
 * non-zero exit fails the build with the exit code and the last lines. A cancel or the timeout kills the
 * process and everything it started.
 */
public class CommandLineImageBuilder implements ImageBuilder {
    private static final Logger LOG = System.getLogger(CommandLineImageBuilder.class.getName());
    static final int TAIL_LINES = 10;
    private static final int MAX_BATCH = 100;
    /** The environment variable every build process (and all it starts) carries: the workflow's id. */
    static final String WORKFLOW_TAG = "OA_BUILD_WORKFLOW_ID";

    private final String command;
    private final String existsCommand;
    private final Duration timeout;

    /**
     * @param existsCommand run to ask whether an image exists (exit 0: it does); null or blank: never asked,
     *     every image is built
     */
    public CommandLineImageBuilder(String command, String existsCommand, Duration timeout) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("openaperture.builder.command is not set: the command that builds an"
                    + " image, for example docker build -t {image} .");
        }
        this.command = command;
        this.existsCommand = existsCommand == null || existsCommand.isBlank() ? null : existsCommand;
        this.timeout = timeout;
    }

    @Override
    public boolean imageExists(String image) {
        if (existsCommand == null) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", expand(existsCommand, image, null, null))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                kill(p);
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not ask whether {0} exists: {1}", image, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void build(ImageBuild build, BuildLogSink logs, Cancellation cancellation) throws ImageBuildException {
        String dir = build.directory().toString();
        String source =
                build.sourceDirectory() == null ? "" : build.sourceDirectory().toString();
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", expand(command, build.image(), dir, source))
                .directory(build.directory().toFile())
                .redirectErrorStream(true);
        pb.environment().put("OA_IMAGE", build.image());
        pb.environment().put("OA_BUILD_DIR", dir);
        pb.environment().put("OA_SOURCE_DIR", source);
        // Found again by the next start if this node dies mid-build: see stopLeftovers.
        TaggedProcesses.tag(pb, WORKFLOW_TAG, build.workflowId());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new ImageBuildException("could not start the build command: " + e.getMessage());
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> timer = CompletableFuture.runAsync(
                () -> {
                    timedOut.set(true);
                    kill(process);
                },
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        Deque<String> tail = new ArrayDeque<>();
        try (AutoCloseable hook = cancellation.onCancel(() -> kill(process))) {
            stream(process, build.workflowId(), logs, tail);
            int exit = process.waitFor();
            if (cancellation.isCancelled()) {
                throw new ImageBuildException("cancelled");
            }
            if (timedOut.get()) {
                throw new ImageBuildException("the build command timed out after " + timeout + lastLines(tail));
            }
            if (exit != 0) {
                throw new ImageBuildException("the build command exited with " + exit + lastLines(tail));
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new ImageBuildException("interrupted");
        } catch (ImageBuildException e) {
            throw e;
        } catch (Exception e) {
            kill(process);
            throw new ImageBuildException("the build command failed: " + e.getMessage());
        } finally {
            timer.cancel(false);
        }
    }

    private static void stream(Process process, String workflowId, BuildLogSink logs, Deque<String> tail)
            throws IOException {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> batch = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                batch.add(line);
                tail.addLast(line);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
                if (batch.size() >= MAX_BATCH || !reader.ready()) {
                    send(logs, workflowId, batch);
                    batch = new ArrayList<>();
                }
            }
            send(logs, workflowId, batch);
        }
    }

    private static void send(BuildLogSink logs, String workflowId, List<String> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            logs.lines(workflowId, List.copyOf(batch));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "build log lines of workflow {0} were not delivered: {1}", workflowId, e);
        }
    }

    private static String lastLines(Deque<String> tail) {
        return tail.isEmpty() ? "" : "; last lines:\n" + String.join("\n", tail);
    }

    @Override
    public int stopLeftovers(String workflowId) {
        return stopTagged(workflowId);
    }

    static int stopTagged(String workflowId) {
        return TaggedProcesses.kill(WORKFLOW_TAG, workflowId);
    }

    /** Kills the process and every process it started, children first so none is left orphaned. */
    static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    static String expand(String template, String image, String dir, String source) {
        return template.replace("{image}", quote(image))
                .replace("{dir}", quote(dir == null ? "" : dir))
                .replace("{source_dir}", quote(source == null ? "" : source));
    }

    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
