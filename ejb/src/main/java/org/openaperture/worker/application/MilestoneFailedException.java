package org.openaperture.worker.application;

/**
 * A milestone that cannot go on: its reason is what the orchestrator receives as {@code failure_reason}.
 */
public class MilestoneFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MilestoneFailedException(String reason) {
        super(reason);
    }

    public MilestoneFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
