package org.openaperture.builder.infrastructure;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openaperture.builder.application.BuildLogSink;
import org.openaperture.builder.application.ImageBuild;
import org.openaperture.builder.application.ImageBuildException;
import org.openaperture.builder.application.ImageBuilder;
import org.openaperture.worker.application.Cancellation;

/**
 * Builds nothing, the same way every time: prints a few lines as a build would and remembers the image, so a
 * second request for it finds it exists. For demos and tests without a container engine.
 */
public class SimulatedImageBuilder implements ImageBuilder {
    private final Set<String> images = ConcurrentHashMap.newKeySet();

    @Override
    public boolean imageExists(String image) {
        return images.contains(image);
    }

    @Override
    public void build(ImageBuild build, BuildLogSink logs, Cancellation cancellation) throws ImageBuildException {
        if (cancellation.isCancelled()) {
            throw new ImageBuildException("cancelled");
        }
        logs.lines(
                build.workflowId(),
                List.of(
                        "Simulated build of " + build.image(),
                        "Step 1/1 : FROM scratch",
                        "Successfully built "
                                + Integer.toHexString(build.image().hashCode()),
                        "Pushed " + build.image()));
        images.add(build.image());
    }
}
