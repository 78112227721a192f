package org.openaperture.deployer.domain;

/**
 * A deploy the Deployer will not start (components.md §5.3): no hosts, zero instances asked, no units. The
 * message is the step's {@code failure_reason}, in the original's words.
 */
public class DeployRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeployRefusedException(String reason) {
        super(reason);
    }
}
