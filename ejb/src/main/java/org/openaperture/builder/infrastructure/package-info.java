/**
 * The Builder's adapters: git through JGit, image builds through a configured command or a simulation, build
 * log lines and callbacks through the outbox, and the MicroProfile Config settings.
 */
package org.openaperture.builder.infrastructure;
