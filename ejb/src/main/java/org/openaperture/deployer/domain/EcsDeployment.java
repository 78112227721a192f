package org.openaperture.deployer.domain;

import java.util.Objects;

/**
 * What a {@code deploy_ecs} milestone asks for, read from the envelope's {@code aws_config} and {@code
 * ecs_task_definition}: register the task definition, then roll the service to {@code taskCount} tasks.
 * {@link #toString()} leaves the secret key out.
 *
 * @param endpoint the ECS endpoint to call instead of the region's, or null
 */
public record EcsDeployment(
        String accessKeyId,
        String secretAccessKey,
        String region,
        String endpoint,
        String cluster,
        String service,
        int taskCount,
        String taskDefinitionJson) {

    public EcsDeployment {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(taskDefinitionJson, "taskDefinitionJson");
        if (taskCount < 1) {
            throw new IllegalArgumentException("task-count must be at least 1, was " + taskCount);
        }
    }

    @Override
    public String toString() {
        return "EcsDeployment[region=" + region + ", endpoint=" + endpoint + ", cluster=" + cluster + ", service="
                + service + ", taskCount=" + taskCount + "]";
    }
}
