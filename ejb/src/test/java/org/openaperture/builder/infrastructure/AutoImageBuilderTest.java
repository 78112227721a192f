package org.openaperture.builder.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openaperture.builder.application.BuildLogSink;
import org.openaperture.builder.application.ImageBuild;
import org.openaperture.builder.application.ImageBuildException;
import org.openaperture.worker.application.Cancellation;

/** The all-in-one node's builder: the repo's own build script first, then a container engine on the PATH. */
class AutoImageBuilderTest {

    @TempDir
    Path dir;

    private static AutoImageBuilder withEngines(String... engines) {
        return new AutoImageBuilder(Duration.ofMinutes(1), Set.of(engines)::contains);
    }

    @Test
    void aRepoWithABuildScriptIsBuiltByItEvenWhenAnEngineIsThere() throws Exception {
        Files.writeString(dir.resolve("build.sh"), "echo \"building $OA_IMAGE\"\n");
        assertEquals("sh build.sh", withEngines("docker").command(dir));

        List<String> lines = new CopyOnWriteArrayList<>();
        BuildLogSink sink = (workflow, batch) -> lines.addAll(batch);
        withEngines().build(new ImageBuild("w1", "org/app:abc", dir, null), sink, new Cancellation());
        assertEquals(List.of("building org/app:abc"), lines);
    }

    @Test
    void withoutABuildScriptTheFirstEngineOnThePathBuildsAndPushes() throws Exception {
        assertEquals(
                "docker build -t {image} . && docker push {image}",
                withEngines("docker", "podman").command(dir));
        assertEquals(
                "podman build -t {image} . && podman push {image}",
                withEngines("podman", "buildah").command(dir));
        assertEquals(
                "buildah build -t {image} . && buildah push {image}",
                withEngines("buildah").command(dir));
    }

    @Test
    void withNeitherTheBuildFailsSayingWhatToAdd() {
        ImageBuildException e =
                assertThrows(ImageBuildException.class, () -> withEngines().command(dir));
        assertTrue(e.getMessage().contains("no build.sh"), e.getMessage());
        assertTrue(e.getMessage().contains("docker, podman, buildah"), e.getMessage());
    }

    @Test
    void itCannotTellWhetherAnImageExistsSoEveryImageIsBuilt() {
        assertFalse(withEngines("docker").imageExists("org/app:abc"));
    }
}
