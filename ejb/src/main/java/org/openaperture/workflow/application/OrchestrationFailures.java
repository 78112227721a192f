package org.openaperture.workflow.application;

import java.util.Optional;

/**
 * Tells a message that cannot be understood from other failures, through whatever wrapped it on the way
 * out of the transaction (an EJB exception, for one).
 */
public final class OrchestrationFailures {

    /** A message that cannot be understood: why, and the workflow it names when it names one. */
    public record Poison(Optional<String> workflowId, String reason) {}

    private OrchestrationFailures() {}

    public static Optional<Poison> notUnderstood(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OrchestrationMessage.NotUnderstood poison) {
                return Optional.of(new Poison(Optional.ofNullable(poison.workflowId()), poison.getMessage()));
            }
        }
        return Optional.empty();
    }
}
