package org.openaperture.builder.domain;

/**
 * Whether the {@code build} milestone builds the image (components.md §4.3): always with {@code force_build};
 * otherwise only when the image is not in the registry already, and then the build is skipped and the image
 * counts as found.
 */
public enum BuildDecision {
    /** {@code force_build} is set: build without asking the registry. */
    FORCED,
    /** The image is not in the registry: build it. */
    MISSING,
    /** The image is in the registry: skip the build. */
    EXISTS;

    /**
     * @param imageExists asked only when the build is not forced
     */
    public static BuildDecision decide(boolean forceBuild, java.util.function.BooleanSupplier imageExists) {
        if (forceBuild) {
            return FORCED;
        }
        return imageExists.getAsBoolean() ? EXISTS : MISSING;
    }

    public boolean builds() {
        return this != EXISTS;
    }
}
