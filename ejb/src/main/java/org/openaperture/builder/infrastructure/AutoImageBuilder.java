package org.openaperture.builder.infrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.openaperture.builder.application.BuildLogSink;
import org.openaperture.builder.application.ImageBuild;
import org.openaperture.builder.application.ImageBuildException;
import org.openaperture.builder.application.ImageBuilder;
import org.openaperture.worker.application.Cancellation;

/**
 * Chooses how to build per deployment repo, so that one node builds on a machine with or without a container
 * engine: the repo's own {@value #BUILD_SCRIPT} when it has one ({@code sh build.sh} in the checkout, with
 * {@code OA_IMAGE}, {@code OA_BUILD_DIR} and {@code OA_SOURCE_DIR} set), else the first of docker, podman and
 * buildah on the {@code PATH} ({@code build -t {image} .} then {@code push {image}}). With neither, the build
 * fails and says what to add.
 */
public class AutoImageBuilder implements ImageBuilder {
    static final String BUILD_SCRIPT = "build.sh";
    static final List<String> ENGINES = List.of("docker", "podman", "buildah");

    private final Duration timeout;
    private final Predicate<String> onPath;

    public AutoImageBuilder(Duration timeout) {
        this(timeout, AutoImageBuilder::onPath);
    }

    /** @param onPath whether a command of that name is on the {@code PATH} */
    AutoImageBuilder(Duration timeout, Predicate<String> onPath) {
        this.timeout = timeout;
        this.onPath = onPath;
    }

    /** No engine is asked: without a registry to look in, every image is built. */
    @Override
    public boolean imageExists(String image) {
        return false;
    }

    @Override
    public void build(ImageBuild build, BuildLogSink logs, Cancellation cancellation) throws ImageBuildException {
        new CommandLineImageBuilder(command(build.directory()), null, timeout).build(build, logs, cancellation);
    }

    @Override
    public int stopLeftovers(String workflowId) {
        return CommandLineImageBuilder.stopTagged(workflowId);
    }

    /** The command that builds the checkout in {@code directory}. */
    String command(Path directory) throws ImageBuildException {
        if (Files.isRegularFile(directory.resolve(BUILD_SCRIPT))) {
            return "sh " + BUILD_SCRIPT;
        }
        Optional<String> engine = ENGINES.stream().filter(onPath).findFirst();
        if (engine.isEmpty()) {
            throw new ImageBuildException("the deployment repo has no " + BUILD_SCRIPT + " and none of "
                    + String.join(", ", ENGINES) + " is on the node's PATH: add a " + BUILD_SCRIPT
                    + " to the repo, install a container engine, or set openaperture.builder.command");
        }
        String e = engine.get();
        return e + " build -t {image} . && " + e + " push {image}";
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
