package org.openaperture.deployer.application;

import java.util.function.Consumer;
import org.openaperture.deployer.domain.EcsDeployment;

/**
 * Runs a {@code deploy_ecs} milestone against Amazon ECS: registers the task definition, updates the service to
 * one task fewer than asked, waits for that deployment, then scales to the full count (components.md §5.5),
 * within an overall timeout. Blocks until the service runs the new task definition.
 */
public interface EcsDeployer {

    /**
     * @param progress receives a line for each step, for the workflow's notifications
     * @throws DeployTargetException when ECS refuses a call, the deployment is not found or the timeout passes
     */
    void deploy(EcsDeployment deployment, Consumer<String> progress);
}
