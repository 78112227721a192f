package org.openaperture.builder.application;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one {@code build} milestone asks of an {@link ImageBuilder}.
 *
 * @param workflowId the workflow, for the build log lines
 * @param image the image tag, {@code <docker_url>:<source commit>}
 * @param directory the deployment repo checkout with the rendered {@code Dockerfile}: the build's directory
 * @param sourceDirectory the source repo checkout, or null when the workflow has no source repo
 */
public record ImageBuild(String workflowId, String image, Path directory, Path sourceDirectory) {
    public ImageBuild {
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(directory, "directory");
    }
}
