package org.openaperture.builder.infrastructure;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openaperture.builder.application.BuildLogSink;
import org.openaperture.builder.application.ImageBuild;
import org.openaperture.builder.application.ImageBuildException;
import org.openaperture.worker.application.Cancellation;

/** components.md §10.2 AsyncCmd execute: completes, fails, interrupted; with a real {@code sh -c}. */
class CommandLineImageBuilderTest {

    @TempDir
    Path dir;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> workflows = new CopyOnWriteArrayList<>();
    private final BuildLogSink sink = (workflow, batch) -> {
        workflows.add(workflow);
        lines.addAll(batch);
    };

    private ImageBuild build() {
        return new ImageBuild("w1", "myorg/my app:abc", dir, null);
    }

    @Test
    void executeCompletesAndStreamsItsOutputAsBuildLogLines() throws Exception {
        var builder = new CommandLineImageBuilder(
                "echo building {image}; echo to stderr >&2; echo \"$OA_IMAGE\" > built.txt",
                null,
                Duration.ofMinutes(1));
        builder.build(build(), sink, new Cancellation());
        assertEquals(List.of("building myorg/my app:abc", "to stderr"), lines);
        assertTrue(workflows.stream().allMatch("w1"::equals));
        assertEquals("myorg/my app:abc\n", Files.readString(dir.resolve("built.txt")));
    }

    @Test
    void executeFailsWithTheExitCodeAndTheLastLines() {
        var builder = new CommandLineImageBuilder(
                "for i in $(seq 1 15); do echo line $i; done; exit 3", null, Duration.ofMinutes(1));
        ImageBuildException e =
                assertThrows(ImageBuildException.class, () -> builder.build(build(), sink, new Cancellation()));
        assertTrue(e.getMessage().startsWith("the build command exited with 3; last lines:"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .endsWith("line 6\nline 7\nline 8\nline 9\nline 10\nline 11\nline 12\nline 13\n"
                                + "line 14\nline 15"),
                e.getMessage());
        assertFalse(e.getMessage().contains("line 5\n"));
        assertEquals(15, lines.size());
    }

    @Test
    void executeInterruptedKillsTheProcessAndItsChildren() throws Exception {
        var builder = new CommandLineImageBuilder(
                "echo started; echo $$ > pid; sleep 300 & echo $! > child; wait", null, Duration.ofMinutes(5));
        Cancellation cancellation = new Cancellation();
        CompletableFuture<ImageBuildException> running = CompletableFuture.supplyAsync(() -> {
            try {
                builder.build(build(), sink, cancellation);
                return null;
            } catch (ImageBuildException e) {
                return e;
            }
        });
        await("the command started")
                .atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(dir.resolve("child")) && Files.size(dir.resolve("child")) > 0);
        long shell = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
        long sleep = Long.parseLong(Files.readString(dir.resolve("child")).strip());
        assertTrue(ProcessHandle.of(sleep).map(ProcessHandle::isAlive).orElse(false));

        cancellation.cancel();
        ImageBuildException e = running.get(10, TimeUnit.SECONDS);
        assertNotNull(e);
        assertEquals("cancelled", e.getMessage());
        assertGone(shell);
        assertGone(sleep);
        assertTrue(lines.contains("started"));
    }

    @Test
    void aBuildThatTakesTooLongIsKilled() {
        var builder = new CommandLineImageBuilder("echo slow; sleep 300", null, Duration.ofMillis(500));
        long start = System.nanoTime();
        ImageBuildException e =
                assertThrows(ImageBuildException.class, () -> builder.build(build(), sink, new Cancellation()));
        assertTrue(
                e.getMessage().startsWith("the build command timed out after PT0.5S; last lines:\nslow"),
                e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30));
    }

    @Test
    void imageExistsRunsTheConfiguredCommand() {
        assertTrue(
                new CommandLineImageBuilder("true", "test {image} = 'a:b'", Duration.ofMinutes(1)).imageExists("a:b"));
        assertFalse(
                new CommandLineImageBuilder("true", "test {image} = 'a:b'", Duration.ofMinutes(1)).imageExists("a:c"));
        assertFalse(new CommandLineImageBuilder("true", null, Duration.ofMinutes(1)).imageExists("a:b"));
    }

    @Test
    void aCommandIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new CommandLineImageBuilder(" ", null, Duration.ZERO));
    }

    private static void assertGone(long pid) {
        await("process " + pid + " ended")
                .atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }
}
