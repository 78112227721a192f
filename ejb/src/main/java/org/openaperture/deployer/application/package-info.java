/**
 * The Deployer's use cases: the {@code deploy}, {@code deploy_oa} and {@code deploy_ecs} milestones, the monitor
 * that ends each in exactly one callback, and the port they run on ({@link
 * org.openaperture.deployer.application.DeployTarget}).
 */
package org.openaperture.deployer.application;
