/**
 * The Deployer's adapters: the deploy targets (local processes, Kubernetes, a simulation), ECS through the AWS
 * SDK, and the MicroProfile Config settings.
 */
package org.openaperture.deployer.infrastructure;
