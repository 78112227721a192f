package org.openaperture.deployer.infrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.openaperture.common.application.IsoDurations;
import org.openaperture.deployer.application.MonitorBudget;

/**
 * The Deployer's settings ({@code openaperture.deployer.*}), read once when first needed. A value that cannot be
 * used fails with the key and what to write.
 */
public record DeployerSettings(String target, Path workDir, MonitorBudget budget, int logLines, String primaryIp) {
    public static final String PREFIX = "openaperture.deployer.";
    public static final List<String> TARGETS = List.of("simulated", "local-process", "kubernetes");

    /** @param config the value of a key, empty when it is not set */
    public static DeployerSettings read(Function<String, Optional<String>> config) {
        String target = config.apply(PREFIX + "target").orElse("simulated").strip();
        if (!TARGETS.contains(target)) {
            throw new IllegalArgumentException(
                    PREFIX + "target is '" + target + "'; write one of " + String.join(", ", TARGETS));
        }
        String workDir = config.apply(PREFIX + "work-dir")
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "openaperture-deployer")
                        .toString());
        MonitorBudget budget = new MonitorBudget(
                duration(config, "monitor-interval", "PT60S"),
                positive(config, "monitor-attempts", "30"),
                duration(config, "recheck-interval", "PT10S"));
        return new DeployerSettings(
                target,
                Path.of(workDir),
                budget,
                positive(config, "log-lines", "200"),
                config.apply(PREFIX + "primary-ip").orElse("127.0.0.1").strip());
    }

    private static Duration duration(Function<String, Optional<String>> config, String key, String fallback) {
        String text = config.apply(PREFIX + key).orElse(fallback).strip();
        return IsoDurations.notNegative(PREFIX + key, text, fallback);
    }

    private static int positive(Function<String, Optional<String>> config, String key, String fallback) {
        String text = config.apply(PREFIX + key).orElse(fallback).strip();
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(PREFIX + key + " is '" + text + "'; write a whole number of 1 or more");
    }
}
