/**
 * The Deployer's rules without I/O: the deployable units it receives, their instances and states, and how a
 * unit's state is read as completed, still deploying or failed. Plain Java, tested without a container.
 */
package org.openaperture.deployer.domain;
