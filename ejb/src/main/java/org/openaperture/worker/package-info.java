/**
 * What the workers (Builder, Deployer) share beyond one message: the journal of the milestone jobs a node has
 * accepted, so that a node that stops mid-job resumes them when it starts again.
 */
package org.openaperture.worker;
