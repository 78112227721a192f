/** Storing, listing and executing workflows; execution queues the orchestrator's request in the outbox. */
package org.openaperture.workflow.application;
