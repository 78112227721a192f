package org.openaperture.builder.application;

import org.openaperture.worker.application.Cancellation;

/**
 * Builds and publishes container images for the Builder's {@code build} milestone. The Builder decides whether
 * to build (the image-exists and {@code force_build} rule) and streams what the build prints; an implementation
 * only knows how to ask whether an image exists and how to build one.
 *
 * <p>Implementations: {@code CommandLineImageBuilder} runs a configured command (docker, buildah, podman or any
 * other), {@code SimulatedImageBuilder} builds nothing, deterministically. {@code openaperture.builder.image-builder}
 * chooses one.
 */
public interface ImageBuilder {

    /**
     * Whether {@code image} is already in the registry, so the build can be skipped. An implementation that
     * cannot tell answers false: the image is built.
     */
    boolean imageExists(String image);

    /**
     * Builds (and pushes) {@code build.image()}, blocking until done. Every line the build prints goes to
     * {@code logs}. When {@code cancellation} is cancelled the build stops at once (its processes are killed)
     * and this throws.
     *
     * @throws ImageBuildException when the build fails, times out or is cancelled; the message says why
     */
    void build(ImageBuild build, BuildLogSink logs, Cancellation cancellation) throws ImageBuildException;

    /**
     * Stops what builds of {@code workflowId} left running when the node that ran them stopped without ending
     * them (a node killed mid-build); answers how many processes there were. By default there are none.
     */
    default int stopLeftovers(String workflowId) {
        return 0;
    }
}
