/**
 * What the workers (Builder, Deployer) share: the worker side of the milestone protocol (components.md §1.7,
 * §1.8: the request a worker reads, the callback and notifications it answers with, the monitor that warns on
 * long milestones, the cancel switch of a running job) and the journal of the milestone jobs a node has
 * accepted, so that a node that stops mid-job resumes them when it starts again.
 */
package org.openaperture.worker;
