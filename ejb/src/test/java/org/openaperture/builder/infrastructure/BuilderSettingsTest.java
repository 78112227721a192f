package org.openaperture.builder.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuilderSettingsTest {

    private static BuilderSettings read(Map<String, String> values) {
        return BuilderSettings.read(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void defaults() {
        BuilderSettings s = read(Map.of());
        assertEquals("auto", s.imageBuilder());
        assertInstanceOf(AutoImageBuilder.class, s.newImageBuilder());
        assertEquals(Duration.ofHours(1), s.timeout());
        assertEquals("https://github.com/", s.gitBaseUrl());
        assertTrue(s.workDir().endsWith("openaperture-builder"));
    }

    @Test
    void aConfiguredCommandChoosesTheCommandLineBuilder() {
        BuilderSettings s = read(Map.of("openaperture.builder.command", "buildah bud -t {image} ."));
        assertEquals("command", s.imageBuilder());
        assertEquals("buildah bud -t {image} .", s.command());
        assertInstanceOf(CommandLineImageBuilder.class, s.newImageBuilder());
        assertEquals(
                "docker build -t {image} . && docker push {image}",
                read(Map.of("openaperture.builder.image-builder", "command")).command());
    }

    @Test
    void choosesTheSimulatedBuilderAndHidesTheToken() {
        BuilderSettings s = read(Map.of(
                "openaperture.builder.image-builder", "simulated",
                "openaperture.builder.work-dir", "/var/tmp/b",
                "openaperture.builder.git.base-url", "https://git.example/org",
                "openaperture.builder.git.token", "s3cr3t"));
        assertInstanceOf(SimulatedImageBuilder.class, s.newImageBuilder());
        assertEquals(Path.of("/var/tmp/b"), s.workDir());
        assertEquals("https://git.example/org/", s.gitBaseUrl());
        assertFalse(s.toString().contains("s3cr3t"));
    }

    @Test
    void refusesWhatItCannotUse() {
        var kind = assertThrows(
                IllegalArgumentException.class, () -> read(Map.of("openaperture.builder.image-builder", "kaniko")));
        assertEquals(
                "openaperture.builder.image-builder is 'kaniko'; write auto, command, simulated", kind.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("openaperture.builder.timeout", "1h")));
        assertThrows(IllegalArgumentException.class, () -> read(Map.of("openaperture.builder.timeout", "PT0S")));
    }
}
