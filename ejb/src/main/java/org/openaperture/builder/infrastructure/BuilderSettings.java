package org.openaperture.builder.infrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.openaperture.builder.application.ImageBuilder;
import org.openaperture.common.application.IsoDurations;

/**
 * The Builder's settings ({@code openaperture.builder.*}), read once when the first request arrives. A value
 * that cannot be used fails with the key and what to write.
 */
public record BuilderSettings(
        Path workDir,
        String imageBuilder,
        String command,
        String existsCommand,
        Duration timeout,
        String gitBaseUrl,
        String gitUsername,
        String gitToken) {
    public static final String PREFIX = "openaperture.builder.";
    public static final List<String> KINDS = List.of("auto", "command", "simulated");
    static final String DEFAULT_COMMAND = "docker build -t {image} . && docker push {image}";

    /** @param config the value of a key, empty when it is not set */
    public static BuilderSettings read(Function<String, Optional<String>> config) {
        String workDir = config.apply(PREFIX + "work-dir")
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "openaperture-builder")
                        .toString());
        Optional<String> command = config.apply(PREFIX + "command").filter(c -> !c.isBlank());
        // A configured command is what the operator asked for; without one the node picks per repo.
        String kind = config.apply(PREFIX + "image-builder")
                .orElse(command.isPresent() ? "command" : "auto")
                .strip();
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException(
                    PREFIX + "image-builder is '" + kind + "'; write " + String.join(", ", KINDS));
        }
        String timeoutText = config.apply(PREFIX + "timeout").orElse("PT1H");
        Duration timeout = IsoDurations.positive(PREFIX + "timeout", timeoutText, "PT1H");
        String base = config.apply(PREFIX + "git.base-url").orElse("https://github.com/");
        return new BuilderSettings(
                Path.of(workDir),
                kind,
                command.orElse(DEFAULT_COMMAND),
                config.apply(PREFIX + "exists-command").orElse(null),
                timeout,
                base.endsWith("/") ? base : base + "/",
                config.apply(PREFIX + "git.username").orElse("x-access-token"),
                config.apply(PREFIX + "git.token").orElse(null));
    }

    public ImageBuilder newImageBuilder() {
        return switch (imageBuilder) {
            case "simulated" -> new SimulatedImageBuilder();
            case "auto" -> new AutoImageBuilder(timeout);
            default -> new CommandLineImageBuilder(command, existsCommand, timeout);
        };
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "BuilderSettings[workDir=" + workDir + ", imageBuilder=" + imageBuilder + ", command=" + command
                + ", existsCommand=" + existsCommand + ", timeout=" + timeout + ", gitBaseUrl=" + gitBaseUrl
                + ", gitToken=" + (gitToken == null ? "none" : "set") + "]";
    }
}
