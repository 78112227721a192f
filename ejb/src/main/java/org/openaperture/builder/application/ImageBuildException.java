package org.openaperture.builder.application;

/** An image build that failed; the message is the reason reported to the orchestrator. */
public class ImageBuildException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageBuildException(String reason) {
        super(reason);
    }
}
